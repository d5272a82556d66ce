package io.oasis.notification.sms;

import io.oasis.common.error.Problem;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/** Twilio's status callbacks under {@code /api/v1/notifications/twilio}, answered by {@link TwilioStatusEndpoints}. */
@Component
public class TwilioStatusRoutes extends ApiRouteBuilder {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;

    public TwilioStatusRoutes() {
        super(TwilioStatusEndpoints.class);
    }

    @Override
    public void configure() {
        rest(TwilioStatusEndpoints.BASE).description("Reports from Twilio on sent SMS")
                .post("/status").id("notification-twilio-status").consumes(FORM).produces(JSON)
                    .description("Twilio's status callback on an SMS (queued, sent, delivered, undelivered, failed), "
                            + "form-encoded as Twilio sends it; signed with X-Twilio-Signature, no bearer token. "
                            + "A report on a message not sent from here is answered 200 and dropped.")
                    .outType(TwilioStatusReports.Result.class)
                    .param().name(TwilioStatusEndpoints.SIGNATURE_HEADER).type(RestParamType.header).required(true)
                        .description("Base64 HMAC-SHA1, with the Twilio auth token, of the callback URL followed by "
                                + "each parameter's name and value, sorted by name").endParam()
                    .param().name("MessageSid").type(RestParamType.formData).required(true).endParam()
                    .param().name("MessageStatus").type(RestParamType.formData).required(true)
                        .description("queued, sent, delivered, undelivered, failed...").endParam()
                    .param().name("ErrorCode").type(RestParamType.formData).required(false)
                        .description("Twilio's error code when undelivered or failed, e.g. 30005").endParam()
                    .responseMessage().code(200).message("recorded, or unknown (no such message here)").endResponseMessage()
                    .responseMessage().code(400).message("Not a Twilio status report").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(401).message("Missing or wrong signature").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-twilio-status");

        operation("notification-twilio-status", "status");
    }
}
