package io.oasis.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Twilio's status callbacks: signed as Twilio signs them, they complete the delivery log; anything else is
 * refused and changes nothing.
 */
class TwilioStatusCallbackTest extends SmsTestBase {

    private static final String CALLBACK = "/api/v1/notifications/twilio/status";

    @Test
    void aSignedDeliveredReportMarksTheSmsDelivered() throws Exception {
        SentSms sms = sendSms();

        HttpResponse<String> response = callback(report(sms, "delivered", null), authToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).path("outcome").asText()).isEqualTo("recorded");
        JsonNode view = body(get(NOTIFICATIONS + "/" + sms.id(), DemoUser.SUPPORT));
        assertThat(view.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(view.path("deliveredAt").isTextual()).isTrue();
        assertThat(view.path("attempts")).hasSize(2);
        JsonNode report = view.path("attempts").get(1);
        assertThat(report.path("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(report.path("providerMessageId").asText()).isEqualTo(sms.sid());
        assertThat(report.path("number").asInt()).isEqualTo(1);
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedAndChangesNothing() throws Exception {
        SentSms sms = sendSms();
        Map<String, String> delivered = report(sms, "delivered", null);
        String body = form(delivered);
        // Signed over other parameters than those sent: a report changed on the way.
        String tampered = sign(authToken, statusCallbackUrl, report(sms, "undelivered", "30005"));

        HttpResponse<String> wrongToken = callback(delivered, "not-the-auth-token");
        HttpResponse<String> missing = post(body, null);
        HttpResponse<String> changed = post(body, tampered);
        HttpResponse<String> otherUrl = post(body, sign(authToken, "http://127.0.0.1/elsewhere", delivered));

        for (HttpResponse<String> response : List.of(wrongToken, missing, changed, otherUrl)) {
            assertProblem(response, 401);
            assertThat(body(response).path("type").asText()).isEqualTo("urn:oasis:problem:unauthorized");
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", sms.id());
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("delivered_at")).isNull();
        assertThat(rows("SELECT count(*) FROM delivery_attempt WHERE notification_id = ?", sms.id())).isEqualTo(1);
    }

    @Test
    void anUndeliveredReportForANumberThatDoesNotExistFailsTheSmsAndTheNumber() throws Exception {
        SentSms sms = sendSms();

        HttpResponse<String> response = callback(report(sms, "undelivered", "30005"), authToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", sms.id());
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat((String) row.get("status_reason")).contains("undelivered").contains("30005");
        Map<String, Object> report = jdbc.queryForMap(
                "SELECT * FROM delivery_attempt WHERE notification_id = ? AND outcome = 'UNDELIVERED'", sms.id());
        assertThat(report.get("provider_status")).isEqualTo(30005);
        assertThat(phoneInvalid(sms.customerId())).isTrue();
    }

    @Test
    void anUndeliveredReportForAReachableNumberKeepsTheNumberValid() throws Exception {
        SentSms sms = sendSms();

        // 30003: the handset is switched off or out of reach, which passes.
        HttpResponse<String> response = callback(report(sms, "undelivered", "30003"), authToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT status FROM notification WHERE id = ?", String.class, sms.id()))
                .isEqualTo("FAILED");
        assertThat(phoneInvalid(sms.customerId())).isFalse();
    }

    @Test
    void intermediateReportsAreKeptWithoutChangingTheStatus() throws Exception {
        SentSms sms = sendSms();

        assertThat(callback(report(sms, "queued", null), authToken).statusCode()).isEqualTo(200);
        assertThat(callback(report(sms, "sent", null), authToken).statusCode()).isEqualTo(200);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", sms.id());
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(jdbc.queryForList("SELECT outcome FROM delivery_attempt WHERE notification_id = ? ORDER BY id",
                String.class, sms.id())).containsExactly("SENT", "QUEUED", "SENT");
    }

    @Test
    void aReportOnAnUnknownMessageIsAnsweredSoTwilioStopsAndChangesNothing() throws Exception {
        Map<String, String> report = new LinkedHashMap<>();
        report.put("MessageSid", newSid());
        report.put("MessageStatus", "delivered");
        report.put("AccountSid", accountSid);

        HttpResponse<String> response = callback(report, authToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).path("outcome").asText()).isEqualTo("unknown");
        assertThat(rows("SELECT count(*) FROM delivery_attempt WHERE provider_message_id = ?",
                report.get("MessageSid"))).isZero();
    }

    @Test
    void aSignedReportWithoutAStatusIsInvalid() throws Exception {
        SentSms sms = sendSms();
        Map<String, String> report = report(sms, "delivered", null);
        report.remove("MessageStatus");
        report.remove("SmsStatus");

        HttpResponse<String> response = callback(report, authToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT status FROM notification WHERE id = ?", String.class, sms.id()))
                .isEqualTo("SENT");
    }

    private record SentSms(UUID customerId, Object id, String sid, String phone) {
    }

    /** An SMS that Twilio (WireMock) accepted for a new customer: SENT, with its SID. */
    private SentSms sendSms() throws Exception {
        String phone = uniquePhone();
        String sid = acceptMessagesTo(phone);
        UUID customer = registerSmsCustomer(phone, Map.of());
        UUID orderId = UUID.randomUUID();
        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));
        Object id = smsNotifications(customer, 1).get(0).get("id");
        awaitStatus(id, "SENT");
        return new SentSms(customer, id, sid, phone);
    }

    /** The parameters Twilio posts about a message. */
    private Map<String, String> report(SentSms sms, String status, String errorCode) {
        Map<String, String> report = new LinkedHashMap<>();
        report.put("AccountSid", accountSid);
        report.put("ApiVersion", "2010-04-01");
        report.put("From", from);
        report.put("MessageSid", sms.sid());
        report.put("MessageStatus", status);
        report.put("SmsSid", sms.sid());
        report.put("SmsStatus", status);
        report.put("To", sms.phone());
        if (errorCode != null) {
            report.put("ErrorCode", errorCode);
        }
        return report;
    }

    private HttpResponse<String> callback(Map<String, String> report, String token) throws Exception {
        return post(form(report), sign(token, statusCallbackUrl, report));
    }

    private HttpResponse<String> post(String form, String signature) throws Exception {
        HttpRequest.Builder request = request(CALLBACK, (DemoUser) null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return send(request);
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Twilio's request signature, computed here as its documentation describes it: the full URL, then each POST
     * parameter's name and value, sorted by name, all concatenated; HMAC-SHA1 with the auth token; Base64.
     */
    private static String sign(String token, String url, Map<String, String> parameters) throws Exception {
        StringBuilder data = new StringBuilder(url);
        parameters.keySet().stream().sorted().forEach(name -> data.append(name).append(parameters.get(name)));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
