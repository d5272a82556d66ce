package io.oasis.notification.sms;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.keycloak.DemoUser;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** SMS through Twilio's Messages API (WireMock in its place): sending, retries, failures, preferences, safety. */
class SmsChannelTest extends SmsTestBase {

    @Autowired
    ProducerTemplate producer;

    @Test
    void anOrderEventSendsOneSmsToTheCustomersNumberAndKeepsTwiliosSid() throws Exception {
        String phone = "+4915112345678";
        String sid = acceptMessagesTo(phone);
        UUID customer = registerSmsCustomer(phone, Map.of());
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Map<String, Object> sms = smsNotifications(customer, 1).get(0);
        Map<String, Object> sent = awaitStatus(sms.get("id"), "SENT");
        assertThat(sent.get("provider_message_id")).isEqualTo(sid);
        List<LoggedRequest> requests = requestsTo(phone).stream()
                .filter(request -> request.formParameter("Body").firstValue().contains(orderId.toString())).toList();
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.formParameter("From").firstValue()).isEqualTo(from);
        assertThat(request.formParameter("Body").firstValue())
                .isEqualTo("Oasis: your order " + orderId + " has been shipped.");
        assertThat(request.formParameter("StatusCallback").firstValue()).isEqualTo(statusCallbackUrl);
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8)));

        JsonNode view = body(get(NOTIFICATIONS + "/" + sms.get("id"), DemoUser.SUPPORT));
        assertThat(view.path("status").asText()).isEqualTo("SENT");
        assertThat(view.path("providerMessageId").asText()).isEqualTo(sid);
        assertThat(view.path("attempts")).hasSize(1);
        assertThat(view.path("attempts").get(0).path("outcome").asText()).isEqualTo("SENT");
    }

    @Test
    void a429IsRetriedNoEarlierThanItsRetryAfter() throws Exception {
        String phone = uniquePhone();
        String sid = newSid();
        String scenario = "twilio-429-" + phone;
        stub(createTo(phone).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "1"))
                .willSetStateTo("calm"));
        stub(createTo(phone).inScenario(scenario).whenScenarioStateIs("calm").willReturn(accepted(sid, phone)));
        UUID customer = registerSmsCustomer(phone, Map.of());
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Map<String, Object> sms = smsNotifications(customer, 1).get(0);
        Map<String, Object> sent = awaitStatus(sms.get("id"), "SENT");
        assertThat(sent.get("provider_message_id")).isEqualTo(sid);
        List<Map<String, Object>> attempts = jdbc.queryForList(
                "SELECT * FROM delivery_attempt WHERE notification_id = ? ORDER BY number", sms.get("id"));
        assertThat(attempts).extracting(attempt -> attempt.get("outcome")).containsExactly("FAILED", "SENT");
        assertThat(attempts.get(0).get("provider_status")).isEqualTo(20429);
        // The schedule's next delay is 100 ms; Twilio asked for 1 s, and the retry waited for it.
        List<LoggedRequest> requests = requestsTo(phone);
        assertThat(requests).hasSize(2);
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void fiveHundredsThroughTheWholeScheduleMakeItDeadUntilAnAdminRetries() throws Exception {
        String phone = uniquePhone();
        StubMapping failing = stub(createTo(phone).willReturn(twilioError(500, 20500, "Internal Server Error")));
        UUID customer = registerSmsCustomer(phone, Map.of());
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Map<String, Object> sms = smsNotifications(customer, 1).get(0);
        awaitStatus(sms.get("id"), "DEAD");
        assertThat(requestsTo(phone)).hasSize(3);
        JsonNode dead = body(get(NOTIFICATIONS + "/" + sms.get("id"), DemoUser.SUPPORT));
        assertThat(dead.path("status").asText()).isEqualTo("DEAD");
        assertThat(dead.path("attempts")).hasSize(3);
        for (JsonNode attempt : dead.path("attempts")) {
            assertThat(attempt.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(attempt.path("providerStatus").asInt()).isEqualTo(20500);
            assertThat(attempt.path("error").asText()).contains("500");
        }

        STAND_INS.removeStub(failing);
        String sid = acceptMessagesTo(phone);
        HttpResponse<String> retried = postJson(NOTIFICATIONS + "/" + sms.get("id") + "/retry", DemoUser.ADMIN, "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);

        awaitStatus(sms.get("id"), "SENT");
        JsonNode sent = body(get(NOTIFICATIONS + "/" + sms.get("id"), DemoUser.SUPPORT));
        assertThat(sent.path("providerMessageId").asText()).isEqualTo(sid);
        assertThat(sent.path("attempts")).hasSize(4);
        assertThat(sent.path("attempts").get(3).path("outcome").asText()).isEqualTo("SENT");
        assertThat(requestsTo(phone)).hasSize(4);
    }

    @Test
    void anInvalidNumberFailsAndLaterSmsToItAreSuppressed() throws Exception {
        String phone = uniquePhone();
        stub(createTo(phone).willReturn(
                twilioError(400, 21211, "The 'To' number " + phone + " is not a valid phone number.")));
        UUID customer = registerSmsCustomer(phone, Map.of());
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Map<String, Object> sms = smsNotifications(customer, 1).get(0);
        Map<String, Object> failed = awaitStatus(sms.get("id"), "FAILED");
        assertThat((String) failed.get("status_reason")).contains("21211");
        assertThat(jdbc.queryForObject("SELECT provider_status FROM delivery_attempt WHERE notification_id = ?",
                Integer.class, sms.get("id"))).isEqualTo(21211);
        await().atMost(Duration.ofSeconds(10)).until(() -> phoneInvalid(customer));

        UUID nextOrder = UUID.randomUUID();
        publishOrderEvent("OrderShipped", nextOrder, order(nextOrder, customer, "SHIPPED"));

        Map<String, Object> next = smsNotifications(customer, 2).get(1);
        assertThat(next.get("status")).isEqualTo("SUPPRESSED");
        assertThat((String) next.get("status_reason")).contains("invalid");
        assertThat(requestsTo(phone)).hasSize(1);
    }

    @Test
    void aCustomerWhoOptedOutOfSmsGetsNone() throws Exception {
        String phone = uniquePhone();
        acceptMessagesTo(phone);
        UUID customer = registerSmsCustomer(phone, Map.of("smsOptIn", false));
        String otherPhone = uniquePhone();
        acceptMessagesTo(otherPhone);
        UUID other = registerSmsCustomer(otherPhone, Map.of());
        UUID orderId = UUID.randomUUID();
        UUID otherOrder = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));
        publishOrderEvent("OrderShipped", otherOrder, order(otherOrder, other, "SHIPPED"));

        Map<String, Object> sms = smsNotifications(customer, 1).get(0);
        assertThat(sms.get("status")).isEqualTo("SUPPRESSED");
        assertThat((String) sms.get("status_reason")).contains("opted out of sms");
        // The SMS of the event published after it has gone out: the dispatcher has been past this one.
        awaitStatus(smsNotifications(other, 1).get(0).get("id"), "SENT");
        assertThat(requestsTo(phone)).isEmpty();
    }

    @Test
    void duringQuietHoursTheSmsWaitsForTheirEndWhileTheEmailGoesAtOnce() throws Exception {
        String phone = uniquePhone();
        acceptMessagesTo(phone);
        ZoneId zone = ZoneId.of("Asia/Tokyo");
        ZonedDateTime now = ZonedDateTime.now(zone);
        LocalTime start = now.toLocalTime().minusHours(1).truncatedTo(ChronoUnit.MINUTES);
        LocalTime end = now.toLocalTime().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime endToday = now.with(end);
        ZonedDateTime quietEnd = endToday.isAfter(now) ? endToday : now.plusDays(1).with(end);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        UUID customer = registerCustomer(uniqueEmail("quiet"), phone, Map.of("timeZone", zone.getId(),
                "quietHoursStart", start.format(hhmm), "quietHoursEnd", end.format(hhmm)));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Map<String, Object> planned = smsNotifications(customer, 1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String reason = jdbc.queryForObject("SELECT status_reason FROM notification WHERE id = ?", String.class,
                    planned.get("id"));
            return reason != null && reason.contains("quiet");
        });
        Map<String, Object> sms = jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", planned.get("id"));
        assertThat(sms.get("status")).isEqualTo("PENDING");
        assertThat(((Timestamp) sms.get("next_attempt_at")).toInstant()).isEqualTo(quietEnd.toInstant());
        assertThat(sms.get("attempt_count")).isEqualTo(0);
        assertThat(requestsTo(phone)).isEmpty();
        // The e-mail of the same event was taken to be sent at once (claimed or attempted), not held back.
        String email = "SELECT * FROM notification WHERE customer_id = ? AND channel = 'EMAIL' "
                + "AND event_type = 'OrderShipped'";
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> row = jdbc.queryForMap(email, customer);
            return row.get("claimed_until") != null || (Integer) row.get("attempt_count") > 0;
        });
        assertThat(Objects.toString(jdbc.queryForMap(email, customer).get("status_reason"), ""))
                .doesNotContain("quiet");
    }

    @Test
    void headersAnExchangeBringsCannotRedirectTheSms() throws Exception {
        String victim = uniquePhone();
        String attacker = uniquePhone();
        String sid = acceptMessagesTo(victim);
        acceptMessagesTo(attacker);
        String text = "Your code " + UUID.randomUUID();
        OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), Channel.SMS, 1, victim, null, text, null,
                null, "DirectMessage", null);

        Exchange result = producer.send(Channel.SMS.endpoint(), exchange -> {
            exchange.getMessage().setBody(message);
            exchange.getMessage().setHeader("CamelTwilioTo", attacker);
            exchange.getMessage().setHeader("CamelTwilio.to", attacker);
            exchange.getMessage().setHeader("To", attacker);
            exchange.getMessage().setHeader("CamelTwilio.from", attacker);
            exchange.getMessage().setHeader("CamelTwilio.body", "injected");
            exchange.getMessage().setHeader("CamelTwilio.statusCallback", "http://127.0.0.1:9/collect");
            exchange.getMessage().setHeader("CamelTwilio.pathAccountSid", "AC" + "f".repeat(32));
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(OutgoingMessage.PROVIDER_MESSAGE_ID)).isEqualTo(sid);
        assertThat(requestsTo(attacker)).isEmpty();
        List<LoggedRequest> requests = requestsTo(victim);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).formParameter("From").firstValue()).isEqualTo(from);
        assertThat(requests.get(0).formParameter("Body").firstValue()).isEqualTo(text);
        assertThat(requests.get(0).formParameter("StatusCallback").firstValue()).isEqualTo(statusCallbackUrl);
    }

    @Test
    void aRecipientThatIsNotOneE164NumberIsRefusedWithoutARequest() {
        String phone = uniquePhone();
        acceptMessagesTo(phone);
        for (String recipient : List.of(phone + "\r\nX-Injected: 1", phone + "," + uniquePhone(), "0151 2345678")) {
            OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), Channel.SMS, 1, recipient, null, "Hello",
                    null, null, "DirectMessage", null);

            Exchange result = producer.send(Channel.SMS.endpoint(), exchange -> exchange.getMessage().setBody(message));

            assertThat(result.getException()).isInstanceOfSatisfying(DeliveryException.class,
                    failure -> assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.INVALID_CONTACT));
        }
        assertThat(requestsTo(phone)).isEmpty();
    }

}
