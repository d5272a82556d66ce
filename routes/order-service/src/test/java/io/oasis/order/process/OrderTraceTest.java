package io.oasis.order.process;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.common.tracing.TraceParents;
import io.oasis.order.TraceSpans;
import io.oasis.testsupport.KafkaTopics;
import io.oasis.testsupport.Keycloak;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One order, one trace: the request that places it (as the gateway forwards it, with its traceparent), every
 * BPMN step of its process, those the job executor runs later included, the events it publishes and the
 * customer service that consumes them, with the request's correlation id all along.
 */
class OrderTraceTest extends OrderServiceTest {

    @Autowired
    private JdbcTemplate jdbc;

    private static final String ORDER = """
            {"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":1,"unitPrice":9.90}]}""";

    @Test
    void anOrderIsOneTraceFromItsRequestThroughItsProcessStepsEventsAndConsumers() throws Exception {
        String token = Keycloak.accessToken(DemoUser.CUSTOMER);
        withProfile(token);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String gatewaySpanId = HexFormat.of().formatHex(randomBytes(8));
        String correlationId = "trace-test-" + UUID.randomUUID();

        HttpResponse<String> placed = send("POST", baseUrl() + "/api/v1/orders", token, ORDER, Map.of(
                "traceparent", "00-" + traceId + "-" + gatewaySpanId + "-01", "X-Correlation-Id", correlationId));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = body(placed).path("id").asText();

        // Paid later by the provider, on Kafka: another trace, which the steps after it link to.
        await().atMost(Duration.ofSeconds(60)).until(() -> status(orderId, token).equals("AWAITING_PAYMENT"));
        KafkaTopics.produce("oasis.payment.events", orderId, """
                {"specversion":"1.0","id":"%s","source":"/payment-provider","type":"PaymentReceived",
                 "subject":"%s","datacontenttype":"application/json",
                 "data":{"orderId":"%s","paymentId":"pay-%s","amount":9.90,"currency":"EUR"}}""".formatted(UUID.randomUUID(), orderId, orderId, orderId));
        await().atMost(Duration.ofSeconds(60)).until(() -> !requestsFor("/carrier/shipments", orderId).isEmpty());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                TraceSpans.names(TraceSpans.ofTrace(TraceSpans.ORDER_SERVICE, traceId))).contains(
                        // asynchronous continuations: run by the job executor, in the order's trace
                        "bpmn " + OrderProcess.TASK_VALIDATE_ORDER, "bpmn " + OrderProcess.TASK_RESERVE_INVENTORY,
                        "bpmn " + OrderProcess.TASK_CREATE_SHIPMENT,
                        // after the payment's message correlation
                        "bpmn " + OrderProcess.TASK_RECORD_PAYMENT,
                        "bpmn " + OrderProcess.TASK_DECIDE_APPROVAL, "bpmn " + OrderProcess.TASK_REQUEST_PAYMENT,
                        "publish OrderPlaced", "publish OrderPaid"));
        List<SpanData> spans = TraceSpans.ofTrace(TraceSpans.ORDER_SERVICE, traceId);

        assertThat(spans).as("the service's server span continues the gateway's")
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getParentSpanId()).isEqualTo(gatewaySpanId);
                });
        SpanData recordPayment = spans.stream()
                .filter(span -> span.getName().equals("bpmn " + OrderProcess.TASK_RECORD_PAYMENT)).findFirst().orElseThrow();
        assertThat(recordPayment.getAttributes().asMap().toString()).as("names the payment event's own trace")
                .contains(TraceParents.RESUMED_BY + "=");
        assertThat(spans).filteredOn(span -> span.getName().startsWith("bpmn "))
                .allSatisfy(span -> assertThat(span.getAttributes().asMap().toString()).contains(orderId));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                TraceSpans.names(TraceSpans.ofTrace(TraceSpans.CUSTOMER_SERVICE, traceId)))
                .as("the customer service consumes the order's events in its trace").contains("handle OrderPlaced"));

        // Events written by steps the job executor ran keep the request's correlation id and the order's trace.
        assertThat(jdbc.queryForList("SELECT event_type, correlation_id, traceparent FROM outbox_event "
                + "WHERE aggregate_id = ? AND event_type IN ('OrderApproved', 'PaymentRequested')", orderId))
                .hasSize(2).allSatisfy(row -> {
                    assertThat(row.get("correlation_id")).isEqualTo(correlationId);
                    assertThat((String) row.get("traceparent")).contains(traceId);
                });
    }

    private static List<LoggedRequest> requestsFor(String path, String orderId) {
        return PARTNERS.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(request -> request.getBodyAsString().contains(orderId)).toList();
    }

    private String status(String orderId, String token) throws Exception {
        return body(send("GET", baseUrl() + "/api/v1/orders/" + orderId, token, null, Map.of())).path("status").asText();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros
        return bytes;
    }
}
