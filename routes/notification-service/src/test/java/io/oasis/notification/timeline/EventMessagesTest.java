package io.oasis.notification.timeline;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.notification.NotificationServiceTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /internal/event-messages}: what the order service's timeline asks with its own account. The
 * messages to people and the webhook deliveries that answered the given events, each with its attempts (a
 * webhook's without its subscription, URL or the partner's answers, which are their subscription owner's), and
 * only staff may ask.
 */
class EventMessagesTest extends NotificationServiceTestBase {

    private static final String MESSAGES = "/internal/event-messages";

    @Test
    void theOrderServiceReadsTheMessagesOfAnOrdersEventsWithEveryAttemptAndWebhooksWithoutTheirUrl() throws Exception {
        UUID customerId = registerCustomer(uniqueEmail("timeline"), null, Map.of());
        String hook = "/hooks/timeline/" + UUID.randomUUID();
        STAND_INS.stubFor(post(hook).willReturn(ok()));
        HttpResponse<String> subscribed = postJson("/api/v1/webhooks/subscriptions", ServiceClient.INTEGRATION_DEMO,
                "{\"url\":\"http://127.0.0.1:" + STAND_INS.port() + hook + "\",\"eventTypes\":[\"OrderPlaced\"]}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        UUID subscription = UUID.fromString(body(subscribed).path("id").asText());
        try {
            UUID orderId = UUID.randomUUID();
            String eventId = json.readTree(publishOrderEvent("OrderPlaced", orderId, order(orderId, customerId, "PLACED")))
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM notification n JOIN "
                    + "delivery_attempt a ON a.notification_id = n.id WHERE n.event_id = ? AND a.outcome = 'SENT'",
                    eventId) == 2);

            HttpResponse<String> answer = get(MESSAGES + "?eventIds=" + eventId + "," + UUID.randomUUID(),
                    ServiceClient.ORDER_SERVICE);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<JsonNode> messages = new ArrayList<>();
            body(answer).path("messages").forEach(messages::add);
            assertThat(messages).hasSize(2);
            JsonNode email = messages.stream().filter(m -> m.path("channel").asText().equals("EMAIL")).findFirst()
                    .orElseThrow();
            JsonNode webhook = messages.stream().filter(m -> m.path("channel").asText().equals("WEBHOOK")).findFirst()
                    .orElseThrow();
            assertThat(webhook.path("eventId").asText()).isEqualTo(eventId);
            assertThat(webhook.path("status").asText()).isEqualTo("SENT");
            List<JsonNode> webhookAttempts = new ArrayList<>();
            webhook.path("attempts").forEach(webhookAttempts::add);
            assertThat(webhookAttempts).isNotEmpty().allSatisfy(attempt -> {
                assertThat(attempt.has("traceId")).as("the attempt's trace, null untraced").isTrue();
                assertThat(attempt.path("error").isNull()).as("the partner's answers stay the owner's").isTrue();
            });
            assertThat(webhookAttempts.get(webhookAttempts.size() - 1).path("outcome").asText()).isEqualTo("SENT");
            assertThat(email.path("eventId").asText()).isEqualTo(eventId);
            assertThat(email.path("eventType").asText()).isEqualTo("OrderPlaced");
            assertThat(email.path("status").asText()).isEqualTo("SENT");
            assertThat(email.path("attempts")).hasSize(1);
            assertThat(email.path("attempts").get(0).path("outcome").asText()).isEqualTo("SENT");
            assertThat(email.path("attempts").get(0).path("number").asInt()).isEqualTo(1);
            // Neither the address nor the contents leave the service this way.
            assertThat(answer.body()).doesNotContain("@").doesNotContain(hook).doesNotContain(subscription.toString())
                    .doesNotContain("127.0.0.1");
        } finally {
            jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", subscription);
        }
    }

    @Test
    void onlyStaffAskAndOnlyForSomeEvents() throws Exception {
        String one = MESSAGES + "?eventIds=" + UUID.randomUUID();

        assertProblem(get(one, DemoUser.CUSTOMER), 403);
        assertThat(get(one, (DemoUser) null).statusCode()).isEqualTo(401);
        assertThat(get(one, DemoUser.SUPPORT).statusCode()).isEqualTo(200);
        assertProblem(get(MESSAGES, ServiceClient.ORDER_SERVICE), 400);
        assertProblem(get(MESSAGES + "?eventIds=" + ",".repeat(3), ServiceClient.ORDER_SERVICE), 400);
    }

    private HttpResponse<String> get(String path, ServiceClient client) throws Exception {
        return send(request(path, client).GET());
    }
}
