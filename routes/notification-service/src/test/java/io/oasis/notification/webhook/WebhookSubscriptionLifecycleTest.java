package io.oasis.notification.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.keycloak.ServiceClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a partner does with a subscription after creating it: enable it again after it was disabled (once a
 * ping gets through), rotate its secret with an overlap in which both secrets sign, and ask for a test event.
 */
class WebhookSubscriptionLifecycleTest extends WebhookTestSupport {

    @Test
    void aDisabledSubscriptionIsEnabledAgainOnlyOnceItsEndpointAcceptsAPing() throws Exception {
        String path = receiverPath("enable");
        String scenario = "enable-" + path;
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(410)).willSetStateTo("gone"));
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("fixed"));
        STAND_INS.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("fixed")
                .willReturn(aResponse().withStatus(204)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");
        publishOrder("OrderShipped");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DISABLED".equals(subscriptionStatus(subscription)));

        HttpResponse<String> stillBroken = enable(subscription);
        assertThat(stillBroken.statusCode()).isEqualTo(409);
        assertThat(stillBroken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(stillBroken).path("detail").asText()).contains("did not accept a ping").contains("503");
        assertThat(subscriptionStatus(subscription)).isEqualTo("DISABLED");

        HttpResponse<String> enabled = enable(subscription);
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(body(enabled).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(body(enabled).has("disabledReason")).isFalse();
        assertThat(subscriptionStatus(subscription)).isEqualTo("ACTIVE");
        LoggedRequest ping = received(path).get(2);
        assertThat(json.readTree(ping.getBody()).path("type").asText()).isEqualTo("WebhookPing");
        assertThat(ping.getHeader("webhook-signature")).isEqualTo(IndependentHmac.expectedSignature(secret(subscription),
                ping.getHeader("webhook-id"), ping.getHeader("webhook-timestamp"), ping.getBody()));

        publishOrder("OrderShipped");
        await().atMost(Duration.ofSeconds(30)).until(() -> received(path).size() == 4);
        assertThat(json.readTree(received(path).get(3).getBody()).path("type").asText()).isEqualTo("OrderShipped");
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneUntilTheOverlapEnds() throws Exception {
        String path = receiverPath("rotate");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderShipped");
        String oldSecret = secret(subscription);

        HttpResponse<String> rotated = rotate(subscription, "?overlapHours=2");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newSecret = body(rotated).path("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        Instant overlapEnds = Instant.parse(body(rotated).path("previousSecretExpiresAt").asText());
        assertThat(overlapEnds).isBetween(Instant.now().plusSeconds(7100), Instant.now().plusSeconds(7300));
        JsonNode read = body(send(request(SUBSCRIPTIONS + "/" + id(subscription), ServiceClient.INTEGRATION_DEMO).GET()));
        assertThat(read.has("secret")).as("shown in the rotation's answer only").isFalse();

        publishOrder("OrderShipped");
        await().atMost(Duration.ofSeconds(30)).until(() -> received(path).size() == 1);
        LoggedRequest during = received(path).get(0);
        String id = during.getHeader("webhook-id");
        String timestamp = during.getHeader("webhook-timestamp");
        assertThat(during.getHeader("webhook-signature").split(" ")).containsExactly(
                IndependentHmac.expectedSignature(newSecret, id, timestamp, during.getBody()),
                IndependentHmac.expectedSignature(oldSecret, id, timestamp, during.getBody()));

        String latest = body(rotate(subscription, "?overlapHours=0")).path("secret").asText();
        publishOrder("OrderShipped");
        await().atMost(Duration.ofSeconds(30)).until(() -> received(path).size() == 2);
        LoggedRequest after = received(path).get(1);
        assertThat(after.getHeader("webhook-signature")).as("no overlap: the newest secret alone")
                .isEqualTo(IndependentHmac.expectedSignature(latest, after.getHeader("webhook-id"),
                        after.getHeader("webhook-timestamp"), after.getBody()));
    }

    @Test
    void anOverlapOutOfRangeIsA400AndChangesNothing() throws Exception {
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(receiverPath("range")), "OrderShipped");

        for (String bad : List.of("?overlapHours=169", "?overlapHours=-1", "?overlapHours=soon")) {
            HttpResponse<String> refused = rotate(subscription, bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(body(refused).path("errors").get(0).path("field").asText()).isEqualTo("overlapHours");
        }
        assertThat(jdbc.queryForObject("SELECT secret FROM webhook_subscription WHERE id = ?", String.class,
                id(subscription))).isEqualTo(secret(subscription));
    }

    @Test
    void aTestEventIsDeliveredAndLoggedLikeAnyOther() throws Exception {
        String path = receiverPath("test-event");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderDelivered");

        HttpResponse<String> queued = send(request(SUBSCRIPTIONS + "/" + id(subscription) + "/test",
                ServiceClient.INTEGRATION_DEMO).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(queued.statusCode()).isEqualTo(202);
        UUID notification = UUID.fromString(body(queued).path("notificationId").asText());
        assertThat(queued.headers().firstValue("Location")).hasValue("/api/v1/notifications/" + notification);
        awaitStatus(notification, "SENT");
        LoggedRequest test = received(path).get(0);
        assertThat(test.getHeader("webhook-id")).isEqualTo(notification.toString());
        JsonNode payload = json.readTree(test.getBody());
        assertThat(payload.path("type").asText()).isEqualTo("WebhookTest");
        assertThat(payload.path("data").path("subscriptionId").asText()).isEqualTo(id(subscription).toString());
        assertThat(attempts(notification)).singleElement()
                .satisfies(attempt -> assertThat(attempt.get("outcome")).isEqualTo("SENT"));
    }

    @Test
    void onlyTheOwnerOrAnAdminEnablesRotatesOrTests() throws Exception {
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(receiverPath("owner")), "OrderShipped");
        String base = SUBSCRIPTIONS + "/" + id(subscription);

        for (String action : List.of("/enable", "/rotate-secret", "/test")) {
            assertThat(send(request(base + action, io.oasis.keycloak.DemoUser.CUSTOMER)
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).as(action).isEqualTo(403);
            assertThat(send(request(SUBSCRIPTIONS + "/" + UUID.randomUUID() + action, ServiceClient.INTEGRATION_DEMO)
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).as(action).isEqualTo(404);
        }
        assertThat(send(request(base + "/rotate-secret", io.oasis.keycloak.DemoUser.ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT secret FROM webhook_subscription WHERE id = ?", String.class,
                id(subscription))).isNotEqualTo(secret(subscription));
    }

    private HttpResponse<String> enable(JsonNode subscription) throws Exception {
        return send(request(SUBSCRIPTIONS + "/" + id(subscription) + "/enable", ServiceClient.INTEGRATION_DEMO)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> rotate(JsonNode subscription, String query) throws Exception {
        return send(request(SUBSCRIPTIONS + "/" + id(subscription) + "/rotate-secret" + query,
                ServiceClient.INTEGRATION_DEMO).POST(HttpRequest.BodyPublishers.noBody()));
    }
}
