package io.oasis.notification.sms;

import com.twilio.security.RequestValidator;
import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.signature.InvalidSignatureException;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.hc.core5.net.WWWFormCodec;
import org.springframework.stereotype.Component;

/**
 * Twilio's status callback ({@code POST /api/v1/notifications/twilio/status}, form-encoded). It carries no token:
 * Twilio signs it ({@code X-Twilio-Signature}, HMAC-SHA1 with the auth token over the URL it called and the
 * sorted parameters), and the SDK's {@link RequestValidator} checks that against the configured public callback
 * URL before anything of the request is used.
 */
@Component
public class TwilioStatusEndpoints {

    static final String BASE = "/api/v1/notifications/twilio";
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");
    private static final Pattern STATUS = Pattern.compile("[a-z_-]{1,30}");

    private final SmsSettings settings;
    private final TwilioStatusReports reports;
    private final RequestValidator validator;

    public TwilioStatusEndpoints(SmsSettings settings, TwilioStatusReports reports) {
        this.settings = settings;
        this.reports = reports;
        this.validator = settings.statusCallbacks() ? new RequestValidator(settings.authToken()) : null;
    }

    public ApiResponse status(Exchange exchange) {
        Map<String, String> form = form(exchange);
        verify(form, exchange.getMessage().getHeader(SIGNATURE_HEADER, String.class));
        String sid = form.get("MessageSid");
        String status = form.get("MessageStatus") == null ? null : form.get("MessageStatus").toLowerCase(Locale.ROOT);
        String code = form.get("ErrorCode");
        List<FieldError> errors = new ArrayList<>();
        if (sid == null || !SID.matcher(sid).matches()) {
            errors.add(new FieldError("MessageSid", "must be a Twilio message SID"));
        }
        if (status == null || !STATUS.matcher(status).matches()) {
            errors.add(new FieldError("MessageStatus", "must be a Twilio message status, e.g. delivered"));
        }
        Integer errorCode = null;
        if (code != null && !code.isBlank()) {
            try {
                errorCode = Integer.valueOf(code.trim());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("ErrorCode", "must be a number"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The status callback is not one Twilio sends.", errors);
        }
        return ApiResponse.ok(reports.record(sid, status, errorCode));
    }

    private void verify(Map<String, String> form, String signature) {
        if (validator == null) {
            throw new InvalidSignatureException("Status callbacks are not configured here "
                    + "(oasis.notification.sms.status-callback-url), so none is accepted.");
        }
        if (signature == null || signature.isBlank()) {
            throw new InvalidSignatureException("Sign the request: send " + SIGNATURE_HEADER + ".");
        }
        if (!validator.validate(settings.statusCallbackUrl(), form, signature.trim())) {
            throw new InvalidSignatureException("The signature does not match the request.");
        }
    }

    /**
     * The form parameters of the body as Twilio posted them, decoded once: platform-http leaves a form body as it
     * came ({@code camel.rest.endpoint-property.populateBodyWithForm: false}), so the signature is checked over
     * exactly what was sent.
     */
    private static Map<String, String> form(Exchange exchange) {
        byte[] raw = ApiRequests.rawBody(exchange);
        Map<String, String> form = new LinkedHashMap<>();
        if (raw != null) {
            WWWFormCodec.parse(new String(raw, StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                    .forEach(field -> form.put(field.getName(), field.getValue() == null ? "" : field.getValue()));
        }
        return form;
    }
}
