package io.oasis.notification.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.notification.NotificationServiceTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * What the webhook tests share: registering subscriptions through the API, receivers on the WireMock
 * stand-in (each test on its own path), and reading the delivery log. Every subscription a test registers
 * is deleted after it, so no later test's events reach it.
 */
abstract class WebhookTestSupport extends NotificationServiceTestBase {

    protected static final String SUBSCRIPTIONS = WebhookEndpoints.BASE;

    private final List<String> registered = new ArrayList<>();

    @AfterEach
    void deleteSubscriptions() {
        registered.forEach(id -> jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", UUID.fromString(id)));
        registered.clear();
    }

    /** A path on the stand-in no other test uses. */
    protected static String receiverPath(String name) {
        return "/hooks/" + name + "/" + UUID.randomUUID();
    }

    /** The stand-in's URL for a path, on loopback (allowed by the tests' allow-list). */
    protected static String receiverUrl(String path) {
        return "http://127.0.0.1:" + STAND_INS.port() + path;
    }

    /** Registers a subscription as {@code client} and returns the created subscription (with its secret). */
    protected JsonNode subscribe(ServiceClient client, String url, String... eventTypes) throws Exception {
        return created(postJson(SUBSCRIPTIONS, client, subscription(url, eventTypes)));
    }

    protected JsonNode subscribe(DemoUser user, String url, String... eventTypes) throws Exception {
        return created(postJson(SUBSCRIPTIONS, user, subscription(url, eventTypes)));
    }

    private String subscription(String url, String... eventTypes) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", url);
        request.put("eventTypes", List.of(eventTypes));
        return json.writeValueAsString(request);
    }

    private JsonNode created(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return remember(body(created));
    }

    /** Deletes the subscription after the test. */
    protected JsonNode remember(JsonNode subscription) {
        registered.add(subscription.path("id").asText());
        return subscription;
    }

    /** Publishes an order event without a customer (so only webhooks are planned for it); returns its data. */
    protected Map<String, Object> publishOrder(String type) throws Exception {
        UUID orderId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId.toString());
        data.put("status", "SHIPPED");
        data.put("total", 42.5);
        data.put("currency", "EUR");
        publishOrderEvent(type, orderId, data);
        return data;
    }

    /** The id of the one webhook notification planned for a subscription, once it is there. */
    protected UUID notificationOf(JsonNode subscription) {
        UUID subscriptionId = UUID.fromString(subscription.path("id").asText());
        await().atMost(Duration.ofSeconds(20)).until(
                () -> rows("SELECT count(*) FROM notification WHERE subscription_id = ?", subscriptionId) > 0);
        return jdbc.queryForObject("SELECT id FROM notification WHERE subscription_id = ?", UUID.class, subscriptionId);
    }

    protected String status(UUID notificationId) {
        return jdbc.queryForObject("SELECT status FROM notification WHERE id = ?", String.class, notificationId);
    }

    protected void awaitStatus(UUID notificationId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(status(notificationId)));
    }

    /** The recorded attempts, in order: number, outcome, provider_status, error, started_at, finished_at. */
    protected List<Map<String, Object>> attempts(UUID notificationId) {
        return jdbc.queryForList("SELECT number, outcome, provider_status, error, started_at, finished_at "
                + "FROM delivery_attempt WHERE notification_id = ? ORDER BY number, id", notificationId);
    }

    protected String subscriptionStatus(JsonNode subscription) {
        return jdbc.queryForObject("SELECT status FROM webhook_subscription WHERE id = ?", String.class,
                UUID.fromString(subscription.path("id").asText()));
    }

    /** What the stand-in received on a path, oldest first. */
    protected static List<LoggedRequest> received(String path) {
        return STAND_INS.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    protected static UUID id(JsonNode subscription) {
        return UUID.fromString(subscription.path("id").asText());
    }

    protected static String secret(JsonNode subscription) {
        return subscription.path("secret").asText();
    }
}
