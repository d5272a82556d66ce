package io.oasis.order.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.callback.SignedCallbacks;
import io.oasis.order.callback.SignedCallbacks.Sender;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/v1/orders/{id}/timeline} on the order service: who may read it, and the story of an order
 * driven to DELIVERED in time order. No notification service runs beside these tests, so the timeline says
 * its messages are unavailable (the platform's tests read them through the real service).
 */
class OrderTimelineTest extends OrderServiceTest {

    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":1,"unitPrice":9.50}]}""";
    private static final String PAYMENT_WEBHOOK = "/api/v1/payments/webhook";

    private static String customer;
    private static String customer2;
    private static String support;
    private static String manager;
    private static String delivered;

    @Autowired
    private SignedCallbacks callbacks;

    @BeforeAll
    static void tokens() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        customer2 = Keycloak.accessToken(DemoUser.CUSTOMER2);
        support = Keycloak.accessToken(DemoUser.SUPPORT);
        manager = Keycloak.accessToken(DemoUser.MANAGER);
        withProfile(customer);
        withProfile(customer2);
    }

    @Test
    void theOwnerReadsTheStoryOfADeliveredOrderInTimeOrder() throws Exception {
        String id = deliveredOrder();
        JsonNode order = body(send("GET", "/api/v1/orders/" + id, customer, null));

        JsonNode timeline = awaitAllEventsPublished(id, customer);

        List<JsonNode> entries = list(timeline.path("entries"));
        List<Instant> times = entries.stream().map(e -> Instant.parse(e.path("at").asText())).toList();
        assertThat(times).as("in time order").isSortedAccordingTo(Instant::compareTo);
        assertThat(kinds(entries)).contains("STATUS_CHANGED", "ACTIVITY_STARTED", "ACTIVITY_ENDED", "EVENT_PUBLISHED")
                .doesNotContain("EVENT_PENDING", "INCIDENT_OPENED", "NOTIFICATION");
        // Every status change of the order, in the order it happened, ending with DELIVERED.
        assertThat(of(entries, "STATUS_CHANGED").stream().map(e -> e.path("to").asText()).toList())
                .isEqualTo(order.path("history").findValuesAsText("to"))
                .startsWith("PLACED").endsWith("DELIVERED").contains("PAID", "SHIPPED");
        // The BPMN steps, on the version of the lifecycle the order ran on.
        int version = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).singleResult()
                .getProcessDefinitionVersion();
        List<JsonNode> activities = of(entries, "ACTIVITY_STARTED");
        assertThat(activities.stream().map(e -> e.path("activityId").asText()).toList()).contains(
                OrderProcess.TASK_VALIDATE_ORDER, OrderProcess.TASK_RECORD_PAYMENT, OrderProcess.TASK_CREATE_SHIPMENT,
                OrderProcess.EVENT_ORDER_SHIPPED, OrderProcess.EVENT_ORDER_DELIVERED, OrderProcess.END_ORDER_DELIVERED);
        assertThat(activities).allSatisfy(e -> {
            assertThat(e.path("processKey").asText()).isEqualTo(OrderProcess.KEY);
            assertThat(e.path("processVersion").asInt()).isEqualTo(version);
        });
        assertThat(of(entries, "ACTIVITY_ENDED").stream().map(e -> e.path("activityId").asText()).toList())
                .contains(OrderProcess.END_ORDER_DELIVERED);
        // Validation runs before the payment is recorded, and the delivery is the last status.
        assertThat(indexOf(entries, "ACTIVITY_STARTED", OrderProcess.TASK_VALIDATE_ORDER))
                .isLessThan(indexOf(entries, "ACTIVITY_STARTED", OrderProcess.TASK_RECORD_PAYMENT));
        // The events on Kafka, one per status change that has one, each with its id.
        List<String> events = of(entries, "EVENT_PUBLISHED").stream().map(e -> e.path("eventType").asText()).toList();
        assertThat(events).startsWith("OrderPlaced").contains("OrderPaid", "OrderShipped").endsWith("OrderDelivered");
        assertThat(of(entries, "EVENT_PUBLISHED")).allSatisfy(e -> {
            assertThat(UUID.fromString(e.path("eventId").asText())).isNotNull();
            assertThat(e.path("publishedAt").asText()).isNotEmpty();
        });
        // Tracing is on in these tests: a status change and its event carry the span they were written in;
        // Camunda's history keeps no trace, so the BPMN entries say so with null ids.
        assertThat(of(entries, "STATUS_CHANGED")).allSatisfy(e -> {
            assertThat(e.path("traceId").asText()).as(e.toString()).matches("[0-9a-f]{32}");
            assertThat(e.path("spanId").asText()).as(e.toString()).matches("[0-9a-f]{16}");
        });
        JsonNode placed = of(entries, "STATUS_CHANGED").get(0);
        JsonNode orderPlaced = of(entries, "EVENT_PUBLISHED").get(0);
        assertThat(orderPlaced.path("spanId").asText()).isEqualTo(placed.path("spanId").asText());
        assertThat(activities).allSatisfy(e -> {
            assertThat(e.has("traceId")).as(e.toString()).isTrue();
            assertThat(e.path("traceId").isNull()).as(e.toString()).isTrue();
        });
        assertThat(list(timeline.path("unavailable")).stream().map(JsonNode::asText).toList())
                .containsExactly("notifications");
    }

    @Test
    void staffReadTheSameTimelineAndAnotherCustomerGetsTheSame404AsAnUnknownOrder() throws Exception {
        String id = deliveredOrder();
        JsonNode own = awaitAllEventsPublished(id, customer);

        HttpResponse<String> bySupport = send("GET", timeline(id), support, null);
        HttpResponse<String> byManager = send("GET", timeline(id), manager, null);
        HttpResponse<String> byOther = send("GET", timeline(id), customer2, null);
        HttpResponse<String> unknown = send("GET", timeline(UUID.randomUUID().toString()), customer, null);
        HttpResponse<String> anonymous = send("GET", timeline(id), ANONYMOUS, null);

        assertThat(bySupport.statusCode()).as(bySupport.body()).isEqualTo(200);
        assertThat(byManager.statusCode()).as(byManager.body()).isEqualTo(200);
        assertThat(body(bySupport).path("entries")).isEqualTo(own.path("entries"));
        assertThat(body(byManager).path("entries")).isEqualTo(own.path("entries"));
        JsonNode notYours = assertProblem(byOther, 404);
        JsonNode noSuch = assertProblem(unknown, 404);
        assertThat(notYours.path("title").asText()).isEqualTo(noSuch.path("title").asText());
        assertThat(notYours.toString()).doesNotContain("customer2");
        assertProblem(anonymous, 401);
    }

    @Test
    void aNewOrdersTimelineShowsWhereItsProcessIsNow() throws Exception {
        String id = placeOrder(customer, SMALL_ORDER);
        awaitStatus(id, "AWAITING_PAYMENT");

        List<JsonNode> entries = list(body(send("GET", timeline(id), customer, null)).path("entries"));

        // Waiting for the payment: the wait was entered and not left.
        List<String> started = of(entries, "ACTIVITY_STARTED").stream().map(e -> e.path("activityId").asText()).toList();
        List<String> ended = of(entries, "ACTIVITY_ENDED").stream().map(e -> e.path("activityId").asText()).toList();
        assertThat(started).contains(OrderProcess.GATEWAY_PAYMENT_OUTCOME);
        assertThat(ended).doesNotContain(OrderProcess.GATEWAY_PAYMENT_OUTCOME);
        assertThat(of(entries, "STATUS_CHANGED").stream().map(e -> e.path("to").asText()).toList())
                .containsExactly("PLACED", "APPROVED", "AWAITING_PAYMENT");
    }

    /** A small order of the demo customer, paid, shipped and delivered through the signed callbacks. */
    private String deliveredOrder() throws Exception {
        if (delivered != null) {
            return delivered;
        }
        String id = placeOrder(customer, SMALL_ORDER);
        awaitStatus(id, "AWAITING_PAYMENT");
        String payment = "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-" + id + "\",\"outcome\":\"paid\",\"amount\":9.50,\"currency\":\"EUR\"}";
        assertThat(callback(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, payment).statusCode()).isEqualTo(200);
        awaitStep(id, OrderProcess.EVENT_ORDER_SHIPPED);
        assertThat(callback(Sender.CARRIER, "/api/v1/orders/" + id + "/shipment", "{}").statusCode()).isEqualTo(200);
        awaitStep(id, OrderProcess.EVENT_ORDER_DELIVERED);
        assertThat(callback(Sender.CARRIER, "/api/v1/orders/" + id + "/delivery", "{}").statusCode()).isEqualTo(200);
        awaitStatus(id, "DELIVERED");
        delivered = id;
        return id;
    }

    /** The timeline once the relay has published every event of the order. */
    private JsonNode awaitAllEventsPublished(String id, String token) {
        List<JsonNode> last = new ArrayList<>(List.of(JSON.nullNode()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> response = send("GET", timeline(id), token, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode timeline = body(response);
            last.set(0, timeline);
            assertThat(kinds(list(timeline.path("entries")))).doesNotContain("EVENT_PENDING")
                    .contains("EVENT_PUBLISHED");
        });
        return last.get(0);
    }

    private HttpResponse<String> callback(Sender sender, String path, String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return send("POST", "http://localhost:" + port + path, null, body, Map.of(SignedCallbacks.TIMESTAMP, timestamp,
                SignedCallbacks.SIGNATURE, callbacks.sign(sender, timestamp, "POST", path,
                        body.getBytes(StandardCharsets.UTF_8))));
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                body(send("GET", "/api/v1/orders/" + id, manager, null)).path("status").asText().equals(status));
    }

    private void awaitStep(String id, String step) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                body(send("GET", "/api/v1/orders/" + id, manager, null)).path("process").path("currentSteps")
                        .findValuesAsText("id").contains(step));
    }

    private static String timeline(String id) {
        return "/api/v1/orders/" + id + "/timeline";
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> kinds(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("kind").asText()).distinct().toList();
    }

    private static List<JsonNode> of(List<JsonNode> entries, String kind) {
        return entries.stream().filter(e -> e.path("kind").asText().equals(kind)).toList();
    }

    private static int indexOf(List<JsonNode> entries, String kind, String activityId) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).path("kind").asText().equals(kind)
                    && entries.get(i).path("activityId").asText().equals(activityId)) {
                return i;
            }
        }
        throw new AssertionError("No " + kind + " of " + activityId);
    }
}
