package io.oasis.notification.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.keycloak.ServiceClient;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.OutgoingMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Webhooks as a subscriber receives them: signed, retried with the same id, held back by Retry-After,
 * stopped by 410, never redirected, dead after the schedule and replayed on request. The receiver is the
 * WireMock stand-in on loopback. Retry schedule in tests: 0s, 100ms, 200ms, 300ms (four attempts);
 * timeout 2 s.
 */
class WebhookDeliveryTest extends WebhookTestSupport {

    @Autowired
    private ProducerTemplate producer;

    @Test
    void anEventIsDeliveredSignedToTheSubscribersEndpoint() throws Exception {
        String path = receiverPath("delivery");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");
        String secret = subscription.path("secret").asText();

        // Both events are about one order (one partition, in order): the subscription wants only the second.
        UUID orderId = UUID.randomUUID();
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", orderId.toString());
        order.put("status", "SHIPPED");
        order.put("carrier", "DHL");
        publishOrderEvent("OrderPaid", orderId, order);
        publishOrderEvent("OrderShipped", orderId, order);
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "SENT");

        List<LoggedRequest> received = received(path);
        assertThat(received).hasSize(1);
        LoggedRequest webhook = received.get(0);
        assertThat(webhook.getHeader("webhook-id")).isEqualTo(notification.toString());
        String timestamp = webhook.getHeader("webhook-timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(60L));
        assertThat(webhook.getHeader("webhook-signature"))
                .isEqualTo(IndependentHmac.expectedSignature(secret, notification.toString(), timestamp, webhook.getBody()));
        assertThat(webhook.getHeader("Content-Type")).startsWith("application/json");
        assertThat(webhook.getHeader("User-Agent")).isEqualTo("Oasis-Webhooks/1");
        JsonNode payload = json.readTree(webhook.getBody());
        assertThat(payload.path("type").asText()).isEqualTo("OrderShipped");
        assertThat(payload.path("data").path("orderId").asText()).isEqualTo(orderId.toString());
        assertThat(payload.path("data").path("carrier").asText()).isEqualTo("DHL");
        assertThat(payload.path("eventId").asText()).isNotBlank();
        assertThat(Instant.parse(payload.path("timestamp").asText())).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

        assertThat(attempts(notification)).singleElement()
                .satisfies(attempt -> assertThat(attempt.get("outcome")).isEqualTo("SENT"));
        assertThat(rows("SELECT count(*) FROM notification WHERE subscription_id = ?", id(subscription)))
                .as("OrderPaid is not among the subscription's event types").isEqualTo(1);
    }

    @Test
    void aFailingReceiverGetsTheSameWebhookAgainUntilItAccepts() throws Exception {
        String path = receiverPath("retries");
        String scenario = "retries-" + path;
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "SENT");

        assertThat(attempts(notification)).extracting(attempt -> attempt.get("outcome"))
                .containsExactly("FAILED", "FAILED", "SENT");
        assertThat(attempts(notification)).extracting(attempt -> attempt.get("provider_status"))
                .containsExactly(500, 500, null);
        List<LoggedRequest> received = received(path);
        assertThat(received).hasSize(3);
        for (LoggedRequest webhook : received) {
            assertThat(webhook.getHeader("webhook-id")).isEqualTo(notification.toString());
            assertThat(webhook.getHeader("webhook-signature")).isEqualTo(IndependentHmac.expectedSignature(
                    secret(subscription), notification.toString(), webhook.getHeader("webhook-timestamp"),
                    webhook.getBody()));
        }
        assertThat(received).extracting(LoggedRequest::getBodyAsString).containsOnly(received.get(0).getBodyAsString());
        // The subscription's run of failures is ended by a listener after the delivery's SENT commits.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(failingSince(subscription)).as("a success ends the run of failures").isNull());
    }

    @Test
    void retryAfterHoldsTheNextAttemptBack() throws Exception {
        String path = receiverPath("retry-after");
        String scenario = "retry-after-" + path;
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("limited"));
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(200)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "SENT");

        List<LoggedRequest> received = received(path);
        assertThat(received).hasSize(2);
        long waited = received.get(1).getLoggedDate().getTime() - received.get(0).getLoggedDate().getTime();
        assertThat(waited).as("the schedule says 100 ms, the receiver 1 s").isGreaterThanOrEqualTo(1000);
        assertThat(attempts(notification).get(0).get("provider_status")).isEqualTo(429);
    }

    @Test
    void goneDisablesTheSubscription() throws Exception {
        String path = receiverPath("gone");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(410)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "FAILED");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DISABLED".equals(subscriptionStatus(subscription)));

        assertThat(attempts(notification)).singleElement()
                .satisfies(attempt -> assertThat(attempt.get("provider_status")).isEqualTo(410));
        assertThat(received(path)).hasSize(1);
        JsonNode read = body(send(request(SUBSCRIPTIONS + "/" + id(subscription), ServiceClient.INTEGRATION_DEMO).GET()));
        assertThat(read.path("status").asText()).isEqualTo("DISABLED");
        assertThat(read.path("disabledReason").asText()).contains("410");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        String path = receiverPath("moved");
        String elsewhere = receiverPath("redirect-target");
        STAND_INS.stubFor(post(urlPathEqualTo(elsewhere)).willReturn(aResponse().withStatus(200)));
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", receiverUrl(elsewhere))));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "DEAD");

        assertThat(attempts(notification)).hasSize(4).allSatisfy(attempt -> {
            assertThat(attempt.get("provider_status")).isEqualTo(302);
            assertThat((String) attempt.get("error")).contains("not followed").contains(elsewhere);
        });
        assertThat(received(path)).hasSize(4);
        assertThat(STAND_INS.findAll(anyRequestedFor(urlPathEqualTo(elsewhere)))).isEmpty();
    }

    @Test
    void aReceiverThatNeverAcceptsEndsDeadAndIsReplayedWhenItRecovers() throws Exception {
        String path = receiverPath("dead");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");
        Instant before = Instant.now().minusSeconds(1);

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "DEAD");

        assertThat(attempts(notification)).extracting(attempt -> attempt.get("outcome"))
                .containsExactly("FAILED", "FAILED", "FAILED", "FAILED");
        assertThat(received(path)).hasSize(4)
                .extracting(webhook -> webhook.getHeader("webhook-id")).containsOnly(notification.toString());

        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> replay = replay(subscription, before);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(body(replay).path("replayed").asInt()).isEqualTo(1);
        awaitStatus(notification, "SENT");

        assertThat(received(path)).hasSize(5);
        assertThat(received(path).get(4).getHeader("webhook-id")).isEqualTo(notification.toString());
        assertThat(body(replay(subscription, before)).path("replayed").asInt()).as("a sent webhook is not replayed")
                .isZero();
    }

    @Test
    void aSlowReceiverTimesOutInsteadOfHoldingTheSender() throws Exception {
        String path = receiverPath("slow");
        String scenario = "slow-" + path;
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(5000)).willSetStateTo("fast"));
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "SENT");

        List<Map<String, Object>> attempts = attempts(notification);
        assertThat(attempts).extracting(attempt -> attempt.get("outcome")).containsExactly("FAILED", "SENT");
        assertThat((String) attempts.get(0).get("error")).contains("timed out");
        Duration took = Duration.between(((Timestamp) attempts.get(0).get("started_at")).toInstant(),
                ((Timestamp) attempts.get(0).get("finished_at")).toInstant());
        assertThat(took).as("the 2 s timeout, not the receiver's 5 s")
                .isBetween(Duration.ofMillis(1500), Duration.ofMillis(4000));
    }

    @Test
    void headersAnExchangeBringsAlongNeverReachTheReceiver() throws Exception {
        String path = receiverPath("headers");
        String elsewhere = receiverPath("elsewhere");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        STAND_INS.stubFor(post(urlPathEqualTo(elsewhere)).willReturn(aResponse().withStatus(200)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");
        UUID notification = UUID.randomUUID();
        OutgoingMessage message = new OutgoingMessage(notification, Channel.WEBHOOK, 1, receiverUrl(elsewhere), null,
                null, null, "{\"type\":\"OrderShipped\",\"data\":{}}", "OrderShipped", id(subscription));

        Exchange result = producer.send(Channel.WEBHOOK.endpoint(), exchange -> {
            exchange.getMessage().setBody(message);
            exchange.getMessage().setHeader("Authorization", "Bearer stolen");
            exchange.getMessage().setHeader("Cookie", "session=stolen");
            exchange.getMessage().setHeader("Host", "internal.example");
            exchange.getMessage().setHeader(Exchange.HTTP_URI, receiverUrl(elsewhere));
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/elsewhere");
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "leak=1");
            exchange.getMessage().setHeader("webhook-signature", "v1,forged");
        });

        assertThat(result.getException()).isNull();
        assertThat(STAND_INS.findAll(anyRequestedFor(urlPathEqualTo(elsewhere)))).isEmpty();
        List<LoggedRequest> received = received(path);
        assertThat(received).hasSize(1);
        LoggedRequest webhook = received.get(0);
        assertThat(webhook.getUrl()).isEqualTo(path);
        assertThat(webhook.containsHeader("Authorization")).isFalse();
        assertThat(webhook.containsHeader("Cookie")).isFalse();
        assertThat(webhook.getHeader("Host")).isEqualTo("127.0.0.1:" + STAND_INS.port());
        assertThat(webhook.getHeader("webhook-id")).isEqualTo(notification.toString());
        assertThat(webhook.getHeader("webhook-signature")).isEqualTo(IndependentHmac.expectedSignature(
                secret(subscription), notification.toString(), webhook.getHeader("webhook-timestamp"), webhook.getBody()));
    }

    @Test
    void aSubscriptionFailingForLongerThanAllowedIsDisabled() throws Exception {
        String path = receiverPath("failing");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");
        // Its deliveries have been failing for six days (the limit is five).
        jdbc.update("UPDATE webhook_subscription SET failing_since = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(6))), id(subscription));

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "FAILED");

        assertThat(subscriptionStatus(subscription)).isEqualTo("DISABLED");
        assertThat(jdbc.queryForObject("SELECT disabled_reason FROM webhook_subscription WHERE id = ?", String.class,
                id(subscription))).contains("failed since");
        List<Map<String, Object>> attempts = attempts(notification);
        assertThat(attempts.get(0).get("provider_status")).isEqualTo(503);
        assertThat((String) attempts.get(attempts.size() - 1).get("error")).contains("disabled");
    }

    @Test
    void aTargetThatBecameForbiddenFailsWithoutAConnection() throws Exception {
        String path = receiverPath("forbidden");
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");
        jdbc.update("UPDATE webhook_subscription SET url = 'https://10.0.0.1/hooks' WHERE id = ?", id(subscription));

        publishOrder("OrderShipped");
        UUID notification = notificationOf(subscription);
        awaitStatus(notification, "FAILED");

        assertThat(attempts(notification)).singleElement()
                .satisfies(attempt -> assertThat((String) attempt.get("error")).contains("10.0.0.1 is a private address"));
    }

    private HttpResponse<String> replay(JsonNode subscription, Instant since) throws Exception {
        return send(request(SUBSCRIPTIONS + "/" + id(subscription) + "/replay?since=" + since,
                ServiceClient.INTEGRATION_DEMO).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Timestamp failingSince(JsonNode subscription) {
        return jdbc.queryForObject("SELECT failing_since FROM webhook_subscription WHERE id = ?", Timestamp.class,
                id(subscription));
    }
}
