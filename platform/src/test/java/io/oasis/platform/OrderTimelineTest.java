package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An order's timeline through the gateway, with every service running as the launcher runs them: the order is
 * placed, paid, shipped and delivered, and its timeline tells that story in time order, the e-mails of the
 * notification service and each of their attempts included; only its owner and staff may read it.
 */
@ExtendWith(SharedPlatform.class)
class OrderTimelineTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.platform();
        gateway = platform.baseUrl(PlatformService.GATEWAY);
    }

    @Test
    void aDeliveredOrdersTimelineTellsItsWholeStoryToItsOwnerAndStaffOnly() throws Exception {
        String customer = token(DemoUser.CUSTOMER);
        HttpResponse<String> placed = send("POST", "/api/v1/orders", customer,
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"CUP-1\",\"name\":\"Cup\",\"quantity\":1,\"unitPrice\":8.00}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = JSON.readTree(placed.body()).path("id").asText();
        awaitStatus(id, customer, "AWAITING_PAYMENT");
        signed(DevOnlySecrets.PAYMENT_WEBHOOK_SECRET, "/api/v1/payments/webhook",
                "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-" + id + "\",\"outcome\":\"paid\",\"amount\":8.00,\"currency\":\"EUR\"}");
        awaitStep(id, customer, "Event_OrderShipped");
        signed(DevOnlySecrets.CARRIER_CALLBACK_SECRET, "/api/v1/orders/" + id + "/shipment", "{}");
        awaitStep(id, customer, "Event_OrderDelivered");
        signed(DevOnlySecrets.CARRIER_CALLBACK_SECRET, "/api/v1/orders/" + id + "/delivery", "{}");
        awaitStatus(id, customer, "DELIVERED");
        String timeline = "/api/v1/orders/" + id + "/timeline";

        // Once every event is published and its mail sent, the timeline has it all.
        List<JsonNode> entries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> answer = send("GET", timeline, customer, null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("unavailable")).as(answer.body()).isEmpty();
            entries.clear();
            body.path("entries").forEach(entries::add);
            assertThat(values(entries, "EVENT_PENDING", "eventType")).isEmpty();
            assertThat(of(entries, "DELIVERY_ATTEMPT").stream().filter(e -> "EMAIL".equals(e.path("channel").asText()))
                    .map(e -> e.path("eventType").asText()).toList()).as(answer.body())
                    .contains("OrderPlaced", "OrderDelivered");
        });

        assertThat(entries.stream().map(e -> Instant.parse(e.path("at").asText())).toList())
                .isSortedAccordingTo(Instant::compareTo);
        assertThat(values(entries, "STATUS_CHANGED", "to")).startsWith("PLACED").endsWith("DELIVERED");
        assertThat(values(entries, "ACTIVITY_STARTED", "activityId")).contains("Task_ValidateOrder",
                "Task_CreateShipment", "End_OrderDelivered");
        assertThat(values(entries, "ACTIVITY_STARTED", "processVersion")).isNotEmpty().doesNotContain("");
        assertThat(values(entries, "EVENT_PUBLISHED", "eventType")).startsWith("OrderPlaced").endsWith("OrderDelivered");
        // The demo customer's mails went out at the first try (other channels depend on their preferences).
        assertThat(values(entries, "NOTIFICATION", "channel")).contains("EMAIL").doesNotContain("WEBHOOK");
        assertThat(of(entries, "DELIVERY_ATTEMPT").stream().filter(e -> "EMAIL".equals(e.path("channel").asText()))
                .map(e -> e.path("outcome").asText()).toList()).isNotEmpty().containsOnly("SENT");
        // Each mail went out after its event was published, and its attempt after the mail was planned.
        for (JsonNode attempt : of(entries, "DELIVERY_ATTEMPT")) {
            String notification = attempt.path("notificationId").asText();
            int planned = indexWhere(entries, "NOTIFICATION", "notificationId", notification);
            String eventId = entries.get(planned).path("eventId").asText();
            assertThat(indexWhere(entries, "EVENT_PUBLISHED", "eventId", eventId)).isLessThan(entries.indexOf(attempt));
            assertThat(planned).isLessThan(entries.indexOf(attempt));
        }

        HttpResponse<String> bySupport = send("GET", timeline, token(DemoUser.SUPPORT), null);
        assertThat(bySupport.statusCode()).as(bySupport.body()).isEqualTo(200);
        assertThat(JSON.readTree(bySupport.body()).path("entries").size()).isEqualTo(entries.size());
        HttpResponse<String> byOther = send("GET", timeline, token(DemoUser.CUSTOMER2), null);
        assertThat(byOther.statusCode()).as(byOther.body()).isEqualTo(404);
        assertThat(byOther.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(send("GET", timeline, null, null).statusCode()).isEqualTo(401);
    }

    private static List<JsonNode> of(List<JsonNode> entries, String kind) {
        return entries.stream().filter(e -> kind.equals(e.path("kind").asText())).toList();
    }

    private static List<String> values(List<JsonNode> entries, String kind, String field) {
        return of(entries, kind).stream().map(e -> e.path(field).asText()).toList();
    }

    private static int indexWhere(List<JsonNode> entries, String kind, String field, String value) {
        for (int i = 0; i < entries.size(); i++) {
            if (kind.equals(entries.get(i).path("kind").asText()) && value.equals(entries.get(i).path(field).asText())) {
                return i;
            }
        }
        throw new AssertionError("No " + kind + " with " + field + " " + value + " in " + entries);
    }

    private static void awaitStatus(String id, String token, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> JSON.readTree(
                send("GET", "/api/v1/orders/" + id, token, null).body()).path("status").asText().equals(status));
    }

    private static void awaitStep(String id, String token, String step) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> JSON.readTree(
                send("GET", "/api/v1/orders/" + id, token, null).body()).path("process").path("currentSteps")
                .findValuesAsText("id").contains(step));
    }

    /** A provider's callback through the gateway, signed as the API document says, accepted. */
    private static void signed(String secret, String path, String body) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "\nPOST\n" + path + "\n" + body)
                .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("X-Oasis-Timestamp", timestamp).header("X-Oasis-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    }

    private static String token(DemoUser user) throws Exception {
        return Tokens.passwordGrant(platform.tokenEndpoint(), user.username(), user.password()).accessToken();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
