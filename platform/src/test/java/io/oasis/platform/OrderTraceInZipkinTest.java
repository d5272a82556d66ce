package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.keycloak.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One order, one trace, read back from the launcher's Zipkin as a person would: placed through the gateway,
 * its trace spans the gateway and the three services, the BPMN steps of its process (those the job executor
 * ran later included), the connectors' calls to partners, its events on Kafka and their consumers, and the mail and
 * the webhook sent for it.
 */
@ExtendWith(SharedPlatform.class)
class OrderTraceInZipkinTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOrderPlacedThroughTheGatewayIsOneTraceAcrossEveryService() throws Exception {
        Platform platform = SharedPlatform.platform();
        String gateway = platform.baseUrl(PlatformService.GATEWAY);
        String integration = Tokens.clientCredentialsGrant(platform.tokenEndpoint(),
                ServiceClient.INTEGRATION_DEMO.clientId(), ServiceClient.INTEGRATION_DEMO.secret()).accessToken();
        String customer = Tokens.passwordGrant(platform.tokenEndpoint(), DemoUser.CUSTOMER.username(),
                DemoUser.CUSTOMER.password()).accessToken();
        HttpResponse<String> subscribed = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/webhooks/subscriptions"))
                .header("Authorization", "Bearer " + integration).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + platform.webhookInboxUrl()
                        + "/trace\",\"eventTypes\":[\"OrderPlaced\"]}")));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);

        HttpResponse<String> placed = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/orders"))
                .header("Authorization", "Bearer " + customer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"quantity\":1,\"unitPrice\":9.90}]}")));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = JSON.readTree(placed.body()).path("id").asText();

        // Zipkin finds the order's trace by the order id its process steps carry.
        String query = platform.zipkinApiUrl() + "/traces?limit=10&lookback=600000&annotationQuery="
                + URLEncoder.encode("oasis.order.id=" + orderId, StandardCharsets.UTF_8);
        List<JsonNode> trace = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            trace.clear();
            JsonNode traces = JSON.readTree(send(HttpRequest.newBuilder(URI.create(query))).body());
            for (JsonNode each : traces) {
                if (serviceNames(each).contains("api-gateway")) {
                    each.forEach(trace::add);
                }
            }
            assertThat(serviceNames(trace)).contains("api-gateway", "order-service", "customer-service",
                    "notification-service");
            assertThat(spanNames(trace)).contains("bpmn task_validateorder", "bpmn task_decideapproval",
                    "bpmn task_requestpayment", "publish orderplaced", "handle orderplaced", "deliver email",
                    "deliver webhook");
        });
        System.out.println("The trace of order " + orderId + " has " + trace.size() + " spans: " + spanNames(trace));
        assertThat(trace.stream().map(span -> span.path("traceId").asText()).distinct()).hasSize(1);

        // Later tests of the shared launcher get no copies of their orders at this subscription.
        String subscription = JSON.readTree(subscribed.body()).path("id").asText();
        assertThat(send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/webhooks/subscriptions/" + subscription))
                .header("Authorization", "Bearer " + integration).DELETE()).statusCode()).isEqualTo(204);
    }

    private static Set<String> serviceNames(Iterable<JsonNode> spans) {
        Set<String> names = new TreeSet<>();
        spans.forEach(span -> names.add(span.path("localEndpoint").path("serviceName").asText()));
        return names;
    }

    private static Set<String> spanNames(Iterable<JsonNode> spans) {
        Set<String> names = new TreeSet<>();
        spans.forEach(span -> names.add(span.path("name").asText()));
        return names;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
