package io.oasis.faults.workload;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.common.signature.SignedRequests;
import io.oasis.testsupport.Postgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workload against a stand-in gateway and Keycloak (WireMock) and a real order table: it places orders at its
 * rate, and sends each the step its status in the database waits for, signed as the partners sign.
 */
class WorkloadTest {

    private static final String PAYMENT_SECRET = "test-only-payment-secret";
    private static final String CARRIER_SECRET = "test-only-carrier-secret";
    private static String orderDb;

    private final WireMockServer gateway = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    private final History history = History.inMemory();
    private Workload workload;

    @BeforeAll
    static void orderTable() throws Exception {
        Postgres postgres = Postgres.database();
        try (Connection db = postgres.connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE SCHEMA workload");
            sql.execute("SET search_path TO workload");
            sql.execute(Files.readString(Path.of("").toAbsolutePath().getParent()
                    .resolve("routes/order-service/src/main/resources/db/migration/order/V1__orders.sql")));
        }
        orderDb = postgres.jdbcUrl() + "?currentSchema=workload";
    }

    @BeforeEach
    void start() {
        gateway.start();
        gateway.stubFor(post("/realms/oasis/protocol/openid-connect/token").willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"test-token\",\"expires_in\":300}")));
        gateway.stubFor(get("/api/v1/customers/me").willReturn(aResponse().withStatus(200).withBody("{}")));
        gateway.stubFor(post("/api/v1/orders").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"{{randomValue type='UUID'}}\"}")
                .withTransformers("response-template")));
        gateway.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(202)));
        Postgres postgres = Postgres.database();
        Deployment deployment = Deployment.of(Map.of("FAULTS_KEYCLOAK_URL", gateway.baseUrl(),
                "FAULTS_ORDER_DB_URL", orderDb, "FAULTS_POSTGRES_USER", postgres.username(),
                "FAULTS_POSTGRES_PASSWORD", postgres.password(), "ORDER_PAYMENT_WEBHOOK_SECRET", PAYMENT_SECRET,
                "ORDER_CARRIER_CALLBACK_SECRET", CARRIER_SECRET));
        workload = new Workload(new Workload.Settings(10, Duration.ofSeconds(2), 4), deployment,
                new Gateways(List.of(gateway.baseUrl()), history, Duration.ofSeconds(5)),
                new Callers(deployment.tokenEndpoint()));
    }

    @AfterEach
    void stop() {
        workload.close();
        gateway.stop();
    }

    @Test
    void placesOrdersAtItsRateAndDrivesEachThroughTheStepItsStatusWaitsFor() throws Exception {
        workload.prepare();
        workload.run();

        List<UUID> placed = List.copyOf(history.acknowledgedOrders());
        assertThat(placed).hasSizeBetween(15, 25);
        List<String> bodies = gateway.findAll(postRequestedFor(urlEqualTo("/api/v1/orders"))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
        assertThat(bodies).filteredOn(body -> body.contains("1200.00")).hasSizeBetween(3, 7);

        UUID review = placed.get(0);
        UUID payment = placed.get(1);
        UUID shipment = placed.get(2);
        UUID delivery = placed.get(3);
        insert(review, "IN_REVIEW");
        insert(payment, "AWAITING_PAYMENT");
        insert(shipment, "PAID");
        insert(delivery, "SHIPPED");

        await().atMost(Duration.ofSeconds(20)).until(() -> request("/api/v1/orders/" + review + "/approval").isPresent()
                && request("/api/v1/payments/webhook").isPresent()
                && request("/api/v1/orders/" + shipment + "/shipment").isPresent()
                && request("/api/v1/orders/" + delivery + "/delivery").isPresent());

        assertThat(request("/api/v1/orders/" + review + "/approval").get().getBodyAsString())
                .isEqualTo("{\"approve\":true}");
        LoggedRequest paid = request("/api/v1/payments/webhook").get();
        assertThat(paid.getBodyAsString()).contains("\"orderId\":\"" + payment + "\"", "\"outcome\":\"paid\"",
                "\"currency\":\"EUR\"").containsPattern("\"amount\":(12\\.50|1200\\.00),");
        assertSigned(paid, PAYMENT_SECRET);
        LoggedRequest shipped = request("/api/v1/orders/" + shipment + "/shipment").get();
        assertThat(shipped.getBodyAsString()).contains("\"event\":\"shipped\"");
        assertSigned(shipped, CARRIER_SECRET);
        assertSigned(request("/api/v1/orders/" + delivery + "/delivery").get(), CARRIER_SECRET);

        int before = workload.inFlight();
        insert(placed.get(4), "DELIVERED");
        await().atMost(Duration.ofSeconds(10)).until(() -> workload.completed() == 1);
        assertThat(workload.inFlight()).isEqualTo(before - 1);
    }

    private void assertSigned(LoggedRequest request, String secret) {
        String timestamp = request.getHeader("X-Oasis-Timestamp");
        assertThat(request.getHeader("X-Oasis-Signature")).isEqualTo(SignedRequests.sign(secret, timestamp, "POST",
                request.getUrl(), request.getBodyAsString().getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<LoggedRequest> request(String path) {
        return gateway.getAllServeEvents().stream().map(event -> event.getRequest())
                .filter(request -> request.getUrl().equals(path)).findFirst();
    }

    private static void insert(UUID order, String status) throws SQLException {
        try (Connection db = Postgres.database().connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO workload.customer_order (id, customer_id, placed_by, status, currency, total, "
                    + "created_at, updated_at, version) VALUES ('" + order + "', gen_random_uuid(), 'customer', '"
                    + status + "', 'EUR', 12.50, now(), now(), 0)");
        }
    }
}
