package io.oasis.notification.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.common.http.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * What the push provider's answer means (FCM HTTP v1 status codes and {@code FcmError} error codes):
 * <ul>
 * <li>2xx: sent; the answer's {@code name} is the provider's message id.</li>
 * <li>404 {@code UNREGISTERED}, or 400 {@code INVALID_ARGUMENT} about {@code message.token}: the device
 * token is dead or was never valid: {@code INVALID_CONTACT}, and the device is removed
 * ({@link PushDeviceCleanup}). A 404 or 400 that does not name the token (a wrong project id or URL, a
 * message too large) is {@code PERMANENT}: the devices stay, as they are not at fault.</li>
 * <li>429 and 503 (quota, provider overloaded): {@code TRANSIENT}, not before the {@code Retry-After}.</li>
 * <li>other 5xx: {@code TRANSIENT}.</li>
 * <li>401 and 403: {@code TRANSIENT}. They mean our credentials were refused (the access token expired
 * or is being rotated, the service account lost its role, the APNs key in the provider's console
 * lapsed), not that the message is bad; once an operator fixes the credentials the same message goes
 * through, so it is retried on the push schedule and ends {@code DEAD} (retryable by an admin) if the
 * schedule runs out first. The exception is 403 {@code SENDER_ID_MISMATCH}: the token belongs to another
 * project. That is {@code PERMANENT} rather than {@code INVALID_CONTACT}, because a misconfigured project
 * id makes every token mismatch, and deleting every device for it would be worse than failing.</li>
 * <li>other 4xx: {@code PERMANENT}.</li>
 * </ul>
 * Timeouts and connection errors reach the dispatcher as exceptions, which it treats as transient.
 */
@Component
public class PushResponses {

    private static final int MAX_DETAIL = 300;

    private final ObjectMapper json;
    private final Clock clock;

    public PushResponses(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Sets the provider's message id on success, or throws the failure as {@link #classify} says. */
    public void examine(Exchange exchange) {
        Message answer = exchange.getMessage();
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        JsonNode body = parse(answer.getBody(byte[].class));
        if (status >= 200 && status < 300) {
            String name = body.path("name").asText(null);
            answer.removeHeaders("*");
            if (name != null && !name.isBlank()) {
                answer.setHeader(OutgoingMessage.PROVIDER_MESSAGE_ID, name);
            }
            return;
        }
        throw classify(status, body, answer.getHeader("Retry-After", String.class), clock.instant());
    }

    /** The failure a non-2xx answer means; {@code body} is the provider's JSON error (or a missing node). */
    public static DeliveryException classify(int status, JsonNode body, String retryAfter, Instant now) {
        JsonNode error = body.path("error");
        String errorCode = errorCode(error);
        String description = describe(status, error, errorCode);
        if ((status == 404 && "UNREGISTERED".equals(errorCode)) || (status == 400 && aboutToken(error))) {
            return DeliveryException.invalidContact(description, status);
        }
        if (status == 429 || status == 503) {
            return DeliveryException.transientFailure(description, status, RetryAfter.parse(retryAfter, now, DeliveryException.MAX_RETRY_AFTER));
        }
        if (status >= 500) {
            return DeliveryException.transientFailure(description, status, null);
        }
        if ((status == 401 || status == 403) && !"SENDER_ID_MISMATCH".equals(errorCode)) {
            return DeliveryException.transientFailure(description + " (check the push credentials)", status, null);
        }
        return DeliveryException.permanent(description, status);
    }

    /** The {@code errorCode} of the {@code FcmError} detail, e.g. {@code UNREGISTERED}; null if there is none. */
    private static String errorCode(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText("").endsWith("FcmError") && detail.hasNonNull("errorCode")) {
                return detail.path("errorCode").asText();
            }
        }
        return null;
    }

    /** A 400 whose field violations (or, lacking those, whose message) name the registration token. */
    private static boolean aboutToken(JsonNode error) {
        boolean invalidArgument = "INVALID_ARGUMENT".equals(error.path("status").asText(null))
                || "INVALID_ARGUMENT".equals(errorCode(error));
        if (!invalidArgument) {
            return false;
        }
        boolean sawViolations = false;
        for (JsonNode detail : error.path("details")) {
            for (JsonNode violation : detail.path("fieldViolations")) {
                sawViolations = true;
                if ("message.token".equals(violation.path("field").asText(null))) {
                    return true;
                }
            }
        }
        return !sawViolations && error.path("message").asText("").toLowerCase(java.util.Locale.ROOT)
                .contains("registration token");
    }

    private static String describe(int status, JsonNode error, String errorCode) {
        StringBuilder text = new StringBuilder("Push provider answered ").append(status);
        String code = errorCode != null ? errorCode : error.path("status").asText(null);
        if (code != null) {
            text.append(' ').append(code);
        }
        String message = error.path("message").asText(null);
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "...");
        }
        return text.toString();
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            // A proxy's HTML error page, say: the status alone decides.
            return MissingNode.getInstance();
        }
    }
}
