package io.oasis.order.api;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.callback.SignedCallbacks;
import io.oasis.order.callback.SignedCallbacks.Sender;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.CamundaModeler;
import io.oasis.testsupport.KafkaTopics;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The order API end to end: REST in, the process in between, Kafka and the outbox around it. */
class OrderApiTest extends OrderServiceTest {

    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":2,"unitPrice":12.50}]}""";
    private static final String LARGE_ORDER = """
            {"currency":"EUR","items":[{"sku":"TV-1","name":"Television","quantity":1,"unitPrice":1499.00}]}""";
    private static final String PAYMENT_WEBHOOK = "/api/v1/payments/webhook";

    private static String customer;
    private static String customer2;
    private static String manager;

    @Autowired
    private ObjectMapper json;
    @Autowired
    private SignedCallbacks callbacks;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;

    @BeforeAll
    static void profiles() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        customer2 = Keycloak.accessToken(DemoUser.CUSTOMER2);
        manager = Keycloak.accessToken(DemoUser.MANAGER);
        withProfile(customer);
        withProfile(customer2);
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheOrderAndAnotherBodyIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = create(customer, SMALL_ORDER, key);
        HttpResponse<String> again = create(customer, SMALL_ORDER, key);
        HttpResponse<String> other = create(customer, LARGE_ORDER, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(read(again).path("id").asText()).isEqualTo(read(first).path("id").asText());
        assertThat(other.statusCode()).isEqualTo(409);
        String id = read(first).path("id").asText();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ?", Long.class, id))
                .as("one process instance").isPositive();
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT PROC_INST_ID_) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ?",
                Long.class, id)).isEqualTo(1);
    }

    @Test
    void smallOrderIsValidatedApprovedAndWaitsForPaymentWithItsTimer() throws Exception {
        String id = placed(customer, SMALL_ORDER);

        JsonNode order = awaitStatus(id, customer, "AWAITING_PAYMENT");

        assertThat(order.path("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(order.path("process").path("currentSteps").findValuesAsText("id"))
                .contains(OrderProcess.GATEWAY_PAYMENT_OUTCOME);
        assertThat(order.path("process").path("pendingTimers").findValuesAsText("activityId"))
                .containsExactly(OrderProcess.EVENT_PAYMENT_TIMEOUT);
        assertThat(order.path("history").findValuesAsText("to"))
                .containsExactly("PLACED", "APPROVED", "AWAITING_PAYMENT");
    }

    @Test
    void anotherCustomersOrderIsNotFound() throws Exception {
        String id = placed(customer, SMALL_ORDER);

        assertThat(send("GET", "/api/v1/orders/" + id, customer2, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/orders/" + id + "/cancel", customer2, "{\"reason\":\"mine now\"}").statusCode())
                .isEqualTo(404);
        JsonNode theirs = read(send("GET", "/api/v1/orders?size=100", customer2, null));
        assertThat(theirs.path("items").findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void duplicatePaymentReceivedEventsPayTheOrderOnce() throws Exception {
        String id = placed(customer, SMALL_ORDER);
        awaitStatus(id, customer, "AWAITING_PAYMENT");

        String paymentId = "pay-" + UUID.randomUUID();
        String firstId = UUID.randomUUID().toString();
        String secondId = UUID.randomUUID().toString();
        String event = paymentEvent(firstId, id, paymentId);
        KafkaTopics.produce("oasis.payment.events", id, event);
        KafkaTopics.produce("oasis.payment.events", id, event);
        // The provider sent it again under a new event id.
        KafkaTopics.produce("oasis.payment.events", id, paymentEvent(secondId, id, paymentId));

        awaitStatus(id, customer, "PAID");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM camel_messageprocessed "
                + "WHERE messageId IN (?, ?) AND confirmed", Long.class, firstId, secondId) == 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND event_type = 'OrderPaid'",
                Long.class, id)).isEqualTo(1);
        JsonNode order = read(send("GET", "/api/v1/orders/" + id, customer, null));
        assertThat(order.path("history").findValuesAsText("to")).containsOnlyOnce("PAID");
    }

    @Test
    void unsignedOrMalformedWebhookIsRefusedAndChangesNothing() throws Exception {
        String id = placed(customer, SMALL_ORDER);
        awaitStatus(id, customer, "AWAITING_PAYMENT");
        String body = "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-x\",\"outcome\":\"paid\",\"amount\":25.00,\"currency\":\"EUR\"}";
        String now = Long.toString(Instant.now().getEpochSecond());

        HttpResponse<String> unsigned = callback(PAYMENT_WEBHOOK, body, Map.of());
        HttpResponse<String> forged = callback(PAYMENT_WEBHOOK, body, Map.of(SignedCallbacks.TIMESTAMP, now,
                SignedCallbacks.SIGNATURE, "sha256=" + "0".repeat(64)));
        String old = Long.toString(Instant.now().minusSeconds(3600).getEpochSecond());
        HttpResponse<String> stale = callback(PAYMENT_WEBHOOK, body, signed(Sender.PAYMENT_PROVIDER, old,
                PAYMENT_WEBHOOK, body));
        String malformed = "{\"orderId\":\"not-a-uuid\"";
        HttpResponse<String> broken = callback(PAYMENT_WEBHOOK, malformed, signed(Sender.PAYMENT_PROVIDER, now,
                PAYMENT_WEBHOOK, malformed));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(problem(stale).path("detail").asText()).contains("too far from now");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(read(send("GET", "/api/v1/orders/" + id, customer, null)).path("status").asText())
                .isEqualTo("AWAITING_PAYMENT");

        HttpResponse<String> accepted = callback(PAYMENT_WEBHOOK, body, signed(Sender.PAYMENT_PROVIDER, now,
                PAYMENT_WEBHOOK, body));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        awaitStatus(id, customer, "PAID");
    }

    @Test
    void aSignedPaymentNoticeSentAgainIsRefusedAndChangesNothing() throws Exception {
        String id = placed(customer, SMALL_ORDER);
        awaitStatus(id, customer, "AWAITING_PAYMENT");
        String body = "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-" + id + "\",\"outcome\":\"paid\",\"amount\":25.00,\"currency\":\"EUR\"}";
        Map<String, String> headers = signed(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, body);

        HttpResponse<String> first = callback(PAYMENT_WEBHOOK, body, headers);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        awaitStatus(id, customer, "PAID");
        JsonNode paid = read(send("GET", "/api/v1/orders/" + id, customer, null));

        HttpResponse<String> again = callback(PAYMENT_WEBHOOK, body, headers);
        // The same signature in capitals is the same signature.
        HttpResponse<String> shouted = callback(PAYMENT_WEBHOOK, body, Map.of(
                SignedCallbacks.TIMESTAMP, headers.get(SignedCallbacks.TIMESTAMP),
                SignedCallbacks.SIGNATURE, headers.get(SignedCallbacks.SIGNATURE).toUpperCase(Locale.ROOT)));

        for (HttpResponse<String> replay : List.of(again, shouted)) {
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
            assertThat(problem(replay).path("detail").asText()).contains("already used");
        }
        JsonNode after = read(send("GET", "/api/v1/orders/" + id, customer, null));
        assertThat(after.path("history")).isEqualTo(paid.path("history"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND event_type = 'OrderPaid'",
                Long.class, id)).isEqualTo(1);
    }

    @Test
    void aCarrierNoticeIsGoodForTheOrderAndNoticeItWasSignedForOnceAndNothingElse() throws Exception {
        String a = paidAndAwaitingShipment();
        String b = paidAndAwaitingShipment();
        JsonNode bBefore = read(send("GET", "/api/v1/orders/" + b, manager, null));
        Map<String, String> shipmentOfA = signed(Sender.CARRIER, shipment(a), "{}");

        // On another order: refused, even with Camel's own headers naming the path it was signed for.
        HttpResponse<String> onB = callback(shipment(b), "{}", shipmentOfA);
        Map<String, String> spoofing = new HashMap<>(shipmentOfA);
        spoofing.put("CamelHttpUri", shipment(a));
        spoofing.put("CamelHttpPath", shipment(a));
        HttpResponse<String> onBSpoofed = callback(shipment(b), "{}", spoofing);
        for (HttpResponse<String> refused : List.of(onB, onBSpoofed)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(problem(refused).path("detail").asText()).contains("does not match");
        }
        JsonNode bAfter = read(send("GET", "/api/v1/orders/" + b, manager, null));
        assertThat(bAfter.path("status")).isEqualTo(bBefore.path("status"));
        assertThat(bAfter.path("history")).isEqualTo(bBefore.path("history"));
        assertThat(bAfter.path("process").path("currentSteps").findValuesAsText("id"))
                .contains(OrderProcess.EVENT_ORDER_SHIPPED);

        // On its own order and notice: applied.
        HttpResponse<String> shipped = callback(shipment(a), "{}", shipmentOfA);
        assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
        awaitStatus(a, manager, "SHIPPED");
        JsonNode aShipped = read(send("GET", "/api/v1/orders/" + a, manager, null));

        // Then neither again, nor as the same order's delivery.
        HttpResponse<String> again = callback(shipment(a), "{}", shipmentOfA);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
        assertThat(problem(again).path("detail").asText()).contains("already used");
        HttpResponse<String> asDelivery = callback(delivery(a), "{}", shipmentOfA);
        assertThat(asDelivery.statusCode()).as(asDelivery.body()).isEqualTo(401);
        assertThat(problem(asDelivery).path("detail").asText()).contains("does not match");
        JsonNode aAfter = read(send("GET", "/api/v1/orders/" + a, manager, null));
        assertThat(aAfter.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(aAfter.path("history")).isEqualTo(aShipped.path("history"));

        // A notice signed for the delivery is the delivery.
        HttpResponse<String> delivered = callback(delivery(a), "{}", signed(Sender.CARRIER, delivery(a), "{}"));
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
        awaitStatus(a, manager, "DELIVERED");
    }

    @Test
    void concurrentApproveAndCancelNeverBothApplyToTheSameState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String id = placed(customer, LARGE_ORDER);
                awaitStatus(id, manager, "IN_REVIEW");
                CountDownLatch start = new CountDownLatch(1);
                Future<HttpResponse<String>> approve = pool.submit(race(start, () -> send("POST",
                        "/api/v1/orders/" + id + "/approval", manager, "{\"approve\":true}")));
                Future<HttpResponse<String>> cancel = pool.submit(race(start, () -> send("POST",
                        "/api/v1/orders/" + id + "/cancel", customer, "{\"reason\":\"changed my mind\"}")));
                start.countDown();
                int approved = approve.get().statusCode();
                int cancelled = cancel.get().statusCode();

                assertThat(List.of(approved, cancelled)).allMatch(s -> s == 200 || s == 409).contains(200);
                List<String> history = read(send("GET", "/api/v1/orders/" + id, manager, null))
                        .path("history").findValuesAsText("to");
                if (approved == 409) {
                    assertThat(history).doesNotContain("APPROVED").endsWith("CANCELLED");
                } else if (cancelled == 409) {
                    assertThat(history).contains("APPROVED").doesNotContain("CANCELLED");
                } else {
                    // Not concurrent after all: the approval came first, then the cancellation.
                    assertThat(history).containsSubsequence("APPROVED", "CANCELLED");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void designerSeesTheLifecycleAndDeploysAChangeFromModelerAsANewVersion() throws Exception {
        String designer = Keycloak.accessToken(DemoUser.DESIGNER);
        JsonNode before = latestLifecycle(designer);
        assertThat(before.path("key").asText()).isEqualTo(OrderProcess.KEY);
        String running = placed(customer, SMALL_ORDER);
        awaitStatus(running, customer, "AWAITING_PAYMENT");

        // What Camunda Modeler sends: the diagram with a changed name, only if it changed.
        String changed = lifecycleBpmn().replace("name=\"Order lifecycle\"", "name=\"Order lifecycle (renamed)\"");
        HttpResponse<String> deployed = deployFromModeler(designer, changed);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        JsonNode after = latestLifecycle(designer);
        assertThat(after.path("version").asInt()).isEqualTo(before.path("version").asInt() + 1);
        assertThat(after.path("name").asText()).isEqualTo("Order lifecycle (renamed)");

        HttpResponse<String> again = deployFromModeler(designer, changed);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(latestLifecycle(designer).path("version").asInt()).as("unchanged: no new version")
                .isEqualTo(after.path("version").asInt());

        assertThat(definitionOf(running)).as("a running order stays on its version")
                .isEqualTo(before.path("id").asText());
        assertThat(definitionOf(placed(customer, SMALL_ORDER))).as("a new order starts the latest")
                .isEqualTo(after.path("id").asText());
    }

    private JsonNode latestLifecycle(String token) throws Exception {
        HttpResponse<String> response = send("GET", "/engine-rest/process-definition?latestVersion=true&key="
                + OrderProcess.KEY, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode definitions = read(response);
        assertThat(definitions).as(response.body()).hasSize(1);
        return definitions.get(0);
    }

    /** Instances are the admin's to read on engine-rest; designers see definitions. */

    private static String lifecycleBpmn() throws Exception {
        try (var in = OrderApiTest.class.getResourceAsStream("/order-lifecycle.bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The deploy button of Camunda Modeler, for the packaged lifecycle's file. */
    private HttpResponse<String> deployFromModeler(String token, String bpmn) throws Exception {
        return CamundaModeler.deploy(baseUrl() + "/engine-rest", token, "order-lifecycle.bpmn", bpmn);
    }

    private static <T> Callable<T> race(CountDownLatch start, Callable<T> call) {
        return () -> {
            start.await();
            return call.call();
        };
    }

    private String placed(String token, String body) throws Exception {
        HttpResponse<String> created = create(token, body, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created).path("id").asText();
    }

    private HttpResponse<String> create(String token, String body, String key) throws Exception {
        return send("POST", "http://localhost:" + port + "/api/v1/orders", token, body,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private JsonNode awaitStatus(String id, String token, String status) {
        List<JsonNode> last = new ArrayList<>(List.of(json.nullNode()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode order = read(send("GET", "/api/v1/orders/" + id, token, null));
            last.set(0, order);
            assertThat(order.path("status").asText()).as(order.toString()).isEqualTo(status);
        });
        return last.get(0);
    }

    @Test
    void cancellingAPaidOrderAnswersAtOnceAndTheRefundFollowsOnItsOwn() throws Exception {
        String id = paidAndAwaitingShipment();
        int refundsBefore = PARTNERS.findAll(postRequestedFor(urlEqualTo("/payments/refunds"))).size();

        HttpResponse<String> cancelled = send("POST", "/api/v1/orders/" + id + "/cancel", customer,
                "{\"reason\":\"found it cheaper\"}");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode answer = read(cancelled);
        assertThat(answer.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(answer.path("refund").path("status").asText()).isEqualTo("PENDING");
        assertThat(answer.path("refund").path("amount").decimalValue()).isEqualByComparingTo(answer.path("total").decimalValue());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "REFUNDED".equals(read(send("GET", "/api/v1/orders/" + id, customer, null)).path("refund").path("status").asText()));
        assertThat(PARTNERS.findAll(postRequestedFor(urlEqualTo("/payments/refunds")))).hasSize(refundsBefore + 1);
    }

    @Test
    void amountsAreExactDecimalsWithTheCurrencysMinorUnitsAndTheTotalIsTheServers() throws Exception {
        // 3 x 0.10 is 0.30000000000000004 in binary floating point.
        HttpResponse<String> euros = create(customer, """
                {"currency":"EUR","items":[{"sku":"PEN-1","name":"Pen","quantity":3,"unitPrice":0.10},
                 {"sku":"INK-1","name":"Ink","quantity":1,"unitPrice":2.5}]}""", UUID.randomUUID().toString());
        HttpResponse<String> yen = create(customer, """
                {"currency":"JPY","items":[{"sku":"TEA-1","name":"Tea","quantity":3,"unitPrice":1500}]}""",
                UUID.randomUUID().toString());
        HttpResponse<String> dinars = create(customer, """
                {"currency":"KWD","items":[{"sku":"DATE-1","name":"Dates","quantity":2,"unitPrice":1.005}]}""",
                UUID.randomUUID().toString());

        assertThat(euros.statusCode()).as(euros.body()).isEqualTo(201);
        // Written with exactly the currency's minor units, as JSON numbers.
        assertThat(euros.body()).contains("\"total\":2.80,").contains("\"unitPrice\":0.10}", "\"unitPrice\":2.50}");
        assertThat(yen.body()).contains("\"total\":4500,").contains("\"unitPrice\":1500}");
        assertThat(dinars.body()).contains("\"total\":2.010,");
        String id = read(euros).path("id").asText();
        assertThat(jdbc.queryForObject("SELECT total FROM customer_order WHERE id = ?::uuid", java.math.BigDecimal.class, id))
                .isEqualByComparingTo("2.80");
        JsonNode validated = awaitStatus(id, customer, "AWAITING_PAYMENT");
        assertThat(validated.path("paidAmount").isNull()).isTrue();
        assertThat(runtimeVariable(id, OrderProcess.ORDER_TOTAL)).as("decimal text, not a double").isEqualTo("2.80");
    }

    @Test
    void amountsWithMoreDecimalsThanTheCurrencyHasOrNoCurrencyOrACallersTotalAreRefusedAndChangeNothing() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM customer_order", Long.class);
        Map<String, String> refusals = Map.of(
                """
                {"currency":"EUR","items":[{"sku":"A","name":"A","quantity":1,"unitPrice":12.505}]}""", "items[0].unitPrice",
                """
                {"currency":"JPY","items":[{"sku":"A","name":"A","quantity":1,"unitPrice":100},
                 {"sku":"B","name":"B","quantity":1,"unitPrice":1.5}]}""", "items[1].unitPrice",
                """
                {"currency":"XYZ","items":[{"sku":"A","name":"A","quantity":1,"unitPrice":1.00}]}""", "currency",
                """
                {"currency":"XAU","items":[{"sku":"A","name":"A","quantity":1,"unitPrice":1.00}]}""", "currency",
                """
                {"currency":"EUR","total":0.01,"items":[{"sku":"A","name":"A","quantity":1,"unitPrice":10.00}]}""", "total");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            HttpResponse<String> answer = create(customer, refusal.getKey(), UUID.randomUUID().toString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(problem(answer).path("errors").findValuesAsText("field")).as(answer.body())
                    .containsExactly(refusal.getValue());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_order", Long.class)).isEqualTo(before);
    }

    @Test
    void aPaymentOfAnotherAmountOrCurrencyIsRefusedShownToStaffAndTheOrderWaitsForTheRightOne() throws Exception {
        String id = placed(customer, SMALL_ORDER);
        awaitStatus(id, customer, "AWAITING_PAYMENT");
        double mismatchesBefore = mismatches("payment");
        String tooLittle = payment(id, "pay-short-" + id, "20.00", "EUR");
        String otherCurrency = payment(id, "pay-usd-" + id, "25.00", "USD");

        HttpResponse<String> short_ = callback(PAYMENT_WEBHOOK, tooLittle, signed(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, tooLittle));
        HttpResponse<String> dollars = callback(PAYMENT_WEBHOOK, otherCurrency,
                signed(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, otherCurrency));

        assertThat(short_.statusCode()).as(short_.body()).isEqualTo(422);
        assertThat(problem(short_).path("type").asText()).isEqualTo("urn:oasis:problem:payment-mismatch");
        assertThat(problem(short_).path("errors").findValuesAsText("field")).containsExactly("amount");
        assertThat(dollars.statusCode()).as(dollars.body()).isEqualTo(422);
        assertThat(problem(dollars).path("errors").findValuesAsText("field")).containsExactly("currency");
        assertThat(mismatches("payment")).isEqualTo(mismatchesBefore + 2);
        JsonNode waiting = read(send("GET", "/api/v1/orders/" + id, manager, null));
        assertThat(waiting.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(waiting.path("paidAmount").isNull()).isTrue();
        assertThat(waiting.path("process").path("currentSteps").findValuesAsText("id")).contains(OrderProcess.GATEWAY_PAYMENT_OUTCOME);
        // Staff see each refusal in the history, and so on the timeline, with what was paid and what was due.
        assertThat(waiting.path("history").findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason)
                .contains("pay-short-" + id, "20.00 EUR", "25.00 EUR"));
        JsonNode timeline = read(send("GET", "/api/v1/orders/" + id + "/timeline", manager, null));
        assertThat(timeline.path("entries").findValuesAsText("reason")).anySatisfy(reason -> assertThat(reason)
                .contains("pay-usd-" + id, "refused"));

        // The same amount written with another number of decimals is the same amount.
        String right = payment(id, "pay-" + id, "25.0", "EUR");
        HttpResponse<String> paid = callback(PAYMENT_WEBHOOK, right, signed(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, right));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        JsonNode order = awaitStatus(id, customer, "PAID");
        assertThat(order.path("paidAmount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(order.path("refundedAmount").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aPartialRefundIsRecordedAndCancellingRefundsOnlyTheRest() throws Exception {
        String id = paidAndAwaitingShipment();
        String partial = refund(id, "re-part-" + id, "5.00");
        String tooMuch = refund(id, "re-big-" + id, "20.01");

        HttpResponse<String> recorded = callback(PAYMENT_WEBHOOK, partial, signed(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, partial));
        HttpResponse<String> again = callback(PAYMENT_WEBHOOK, partial, signed(Sender.PAYMENT_PROVIDER,
                Long.toString(Instant.now().getEpochSecond() - 1), PAYMENT_WEBHOOK, partial));
        HttpResponse<String> refused = callback(PAYMENT_WEBHOOK, tooMuch, signed(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, tooMuch));

        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
        assertThat(read(recorded).path("applied").asBoolean()).isTrue();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(read(again).path("applied").asBoolean()).as("the same refund, recorded once").isFalse();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(problem(refused).path("errors").findValuesAsText("field")).containsExactly("amount");
        JsonNode partlyRefunded = read(send("GET", "/api/v1/orders/" + id, customer, null));
        assertThat(partlyRefunded.path("status").asText()).isEqualTo("PAID");
        assertThat(partlyRefunded.path("paidAmount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(partlyRefunded.path("refundedAmount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(partlyRefunded.path("refunds").findValuesAsText("refundId")).containsExactly("re-part-" + id);

        HttpResponse<String> cancelled = send("POST", "/api/v1/orders/" + id + "/cancel", customer, "{\"reason\":\"changed my mind\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(read(cancelled).path("refund").path("status").asText()).isEqualTo("PENDING");
        assertThat(read(cancelled).path("refund").path("amount").decimalValue()).isEqualByComparingTo("20.00");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "REFUNDED".equals(read(send("GET", "/api/v1/orders/" + id, customer, null)).path("refund").path("status").asText()));
        JsonNode refunded = read(send("GET", "/api/v1/orders/" + id, customer, null));
        assertThat(refunded.path("refundedAmount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(refunded.path("refunds").findValuesAsText("amount")).containsExactly("5.00", "20.00");
        assertThat(refunded.path("refund").path("amount").decimalValue()).isEqualByComparingTo("20.00");
        PARTNERS.verify(postRequestedFor(urlEqualTo("/payments/refunds"))
                .withRequestBody(containing("\"paymentId\":\"pay-" + id + "\"")).withRequestBody(containing("\"amount\":20.00,")));
    }

    private static String payment(String orderId, String paymentId, String amount, String currency) {
        return "{\"orderId\":\"" + orderId + "\",\"paymentId\":\"" + paymentId + "\",\"outcome\":\"paid\",\"amount\":"
                + amount + ",\"currency\":\"" + currency + "\"}";
    }

    private static String refund(String orderId, String refundId, String amount) {
        return "{\"orderId\":\"" + orderId + "\",\"paymentId\":\"pay-" + orderId + "\",\"outcome\":\"refunded\",\"refundId\":\""
                + refundId + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    }

    private double mismatches(String kind) {
        Counter counter = meters.find("oasis.order.payment.mismatches").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private Object runtimeVariable(String orderId, String name) {
        return jdbc.queryForObject("SELECT v.TEXT_ FROM ACT_RU_VARIABLE v JOIN ACT_RU_EXECUTION e ON v.PROC_INST_ID_ = e.PROC_INST_ID_ "
                + "WHERE e.BUSINESS_KEY_ = ? AND v.NAME_ = ? AND v.TYPE_ = 'string' LIMIT 1", String.class, orderId, name);
    }

    /** A small order of the demo customer, paid through the webhook, whose process waits for the carrier. */
    private String paidAndAwaitingShipment() throws Exception {
        String id = placed(customer, SMALL_ORDER);
        awaitStatus(id, customer, "AWAITING_PAYMENT");
        String body = "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-" + id + "\",\"outcome\":\"paid\",\"amount\":25.00,\"currency\":\"EUR\"}";
        HttpResponse<String> paid = callback(PAYMENT_WEBHOOK, body, signed(Sender.PAYMENT_PROVIDER, PAYMENT_WEBHOOK, body));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                read(send("GET", "/api/v1/orders/" + id, manager, null)).path("process").path("currentSteps")
                        .findValuesAsText("id").contains(OrderProcess.EVENT_ORDER_SHIPPED));
        return id;
    }

    private static String shipment(String orderId) {
        return "/api/v1/orders/" + orderId + "/shipment";
    }

    private static String delivery(String orderId) {
        return "/api/v1/orders/" + orderId + "/delivery";
    }

    /** A POST without a token to a callback path of this service. */
    private HttpResponse<String> callback(String path, String body, Map<String, String> headers) throws Exception {
        return send("POST", "http://localhost:" + port + path, null, body, headers);
    }

    /** The headers of a POST to {@code path} with {@code body}, signed by {@code sender} now. */
    private Map<String, String> signed(Sender sender, String path, String body) {
        return signed(sender, Long.toString(Instant.now().getEpochSecond()), path, body);
    }

    private Map<String, String> signed(Sender sender, String timestamp, String path, String body) {
        return Map.of(SignedCallbacks.TIMESTAMP, timestamp, SignedCallbacks.SIGNATURE,
                callbacks.sign(sender, timestamp, "POST", path, body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode problem(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return read(response);
    }

    private String paymentEvent(String eventId, String orderId, String paymentId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/payment-provider","type":"PaymentReceived",
                 "subject":"%s","datacontenttype":"application/json",
                 "data":{"orderId":"%s","paymentId":"%s","amount":25.00,"currency":"EUR"}}""".formatted(eventId, orderId, orderId, paymentId);
    }

    private JsonNode read(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }
}
