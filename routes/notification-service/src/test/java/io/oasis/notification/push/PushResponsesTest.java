package io.oasis.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.oasis.notification.delivery.DeliveryException.Kind;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.common.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How each answer of the push provider (FCM HTTP v1 errors) is treated. */
class PushResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void unregisteredTokenIsAnInvalidContact() throws Exception {
        DeliveryException failure = PushResponses.classify(404, fcmError(404, "NOT_FOUND",
                "Requested entity was not found.", "UNREGISTERED"), null, NOW);

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_CONTACT);
        assertThat(failure.providerStatus()).isEqualTo(404);
        assertThat(failure.getMessage()).contains("404", "UNREGISTERED", "Requested entity was not found.");
    }

    @Test
    void invalidArgumentAboutTheTokenIsAnInvalidContact() throws Exception {
        JsonNode body = JSON.readTree("""
                {"error": {"code": 400, "status": "INVALID_ARGUMENT",
                  "message": "The registration token is not a valid FCM registration token",
                  "details": [
                    {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "INVALID_ARGUMENT"},
                    {"@type": "type.googleapis.com/google.rpc.BadRequest",
                     "fieldViolations": [{"field": "message.token",
                                          "description": "The registration token is not a valid FCM registration token"}]}
                  ]}}""");

        assertThat(PushResponses.classify(400, body, null, NOW).kind()).isEqualTo(Kind.INVALID_CONTACT);
    }

    @Test
    void invalidArgumentAboutAnythingElseIsPermanentAndKeepsTheDevice() throws Exception {
        JsonNode tooBig = JSON.readTree("""
                {"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "Message is too big",
                  "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                               "fieldViolations": [{"field": "message", "description": "Message is too big"}]}]}}""");

        assertThat(PushResponses.classify(400, tooBig, null, NOW).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(PushResponses.classify(400, MissingNode.getInstance(), null, NOW).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void notFoundWithoutUnregisteredIsPermanentAndKeepsTheDevice() throws Exception {
        // A wrong project id or path: the devices are not at fault.
        assertThat(PushResponses.classify(404, fcmError(404, "NOT_FOUND", "Requested entity was not found.", null),
                null, NOW).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(PushResponses.classify(404, MissingNode.getInstance(), null, NOW).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void quotaExceededAndUnavailableWaitForRetryAfter() throws Exception {
        DeliveryException quota = PushResponses.classify(429,
                fcmError(429, "RESOURCE_EXHAUSTED", "Quota exceeded", "QUOTA_EXCEEDED"), "120", NOW);
        DeliveryException unavailable = PushResponses.classify(503,
                fcmError(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE"),
                "Sat, 01 Mar 2025 12:00:30 GMT", NOW);

        assertThat(quota.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(quota.retryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(unavailable.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterThatCannotBeReadLeavesTheSchedule() {
        assertThat(PushResponses.classify(503, MissingNode.getInstance(), null, NOW).retryAfter()).isNull();
        assertThat(PushResponses.classify(503, MissingNode.getInstance(), "soon", NOW).retryAfter()).isNull();
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 11:00:00 GMT", NOW, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(Duration.ZERO);
    }

    @Test
    void serverErrorsAreTransient() throws Exception {
        assertThat(PushResponses.classify(500, fcmError(500, "INTERNAL", "Internal error", "INTERNAL"), null, NOW)
                .kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(PushResponses.classify(502, MissingNode.getInstance(), null, NOW).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void refusedCredentialsAreTransientSoTheyCanBeFixed() throws Exception {
        DeliveryException expired = PushResponses.classify(401,
                fcmError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null), null, NOW);
        DeliveryException denied = PushResponses.classify(403,
                fcmError(403, "PERMISSION_DENIED", "Permission denied", null), null, NOW);

        assertThat(expired.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(expired.getMessage()).contains("credentials");
        assertThat(denied.kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void senderIdMismatchIsPermanentNotAReasonToDeleteDevices() throws Exception {
        assertThat(PushResponses.classify(403, fcmError(403, "PERMISSION_DENIED", "SenderId mismatch",
                "SENDER_ID_MISMATCH"), null, NOW).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void otherClientErrorsArePermanent() {
        assertThat(PushResponses.classify(413, MissingNode.getInstance(), null, NOW).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(PushResponses.classify(405, MissingNode.getInstance(), null, NOW).kind()).isEqualTo(Kind.PERMANENT);
    }

    private static JsonNode fcmError(int code, String status, String message, String errorCode) throws Exception {
        String details = errorCode == null ? "[]" : """
                [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "%s"}]"""
                .formatted(errorCode);
        return JSON.readTree("""
                {"error": {"code": %d, "status": "%s", "message": "%s", "details": %s}}"""
                .formatted(code, status, message, details));
    }
}
