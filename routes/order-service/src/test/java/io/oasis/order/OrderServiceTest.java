package io.oasis.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.oasis.customer.CustomerServiceApplication;
import io.oasis.order.callback.SignedCallbacks;
import io.oasis.order.callback.SignedCallbacks.Sender;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.Keycloak;
import io.oasis.testsupport.Postgres;
import io.oasis.testsupport.RealParts;
import io.oasis.testsupport.RealParts.Part;
import io.oasis.testsupport.ServiceTest;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The order service as it runs (its own config, a real port, Camunda on real PostgreSQL, embedded
 * Kafka, real Keycloak tokens), next to the real customer service it asks about customers (started
 * once in this JVM, on its own schema of the same database). Test classes extend this so they share
 * one Spring context.
 */
@SpringBootTest(classes = OrderServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + OrderServiceApplication.NAME,
                // Short enough for the timer paths to be visible in GET, long enough never to fire in a test.
                "oasis.order.review-escalation-after=PT1H", "oasis.order.payment-timeout=PT2H",
                // Secrets come from the environment only; these are the tests' own.
                "oasis.order.payment-webhook-secret=test-payment-webhook-secret",
                "oasis.order.carrier-callback-secret=test-carrier-callback-secret",
                "oasis.order.client-secret=" + OrderServiceTest.ORDER_SERVICE_SECRET,
                "oasis.camunda-webapps.client-secret=" + OrderServiceTest.CAMUNDA_WEBAPPS_SECRET,
                // Every request traced, its spans kept in memory (TraceSpans) and handed over at once.
                "management.tracing.enabled=true", "management.tracing.sampling.probability=1.0",
                "management.tracing.opentelemetry.export.schedule-delay=100ms"})
@Import(OrderServiceTest.InMemorySpans.class)
// Spring Boot's tests switch tracing off unless asked; metrics export stays off as before.
@AutoConfigureObservability(metrics = false)
@RealParts({ Part.POSTGRES, Part.KAFKA, Part.KEYCLOAK })
public abstract class OrderServiceTest extends ServiceTest {

    /** The realm's dev-only secret of the order service's client (keycloak/realm). */
    static final String ORDER_SERVICE_SECRET = "dev-only-order-service-secret";
    /** The realm's dev-only secret of the Camunda web apps' sign-in client. */
    static final String CAMUNDA_WEBAPPS_SECRET = "dev-only-camunda-webapps-secret";

    private static ConfigurableApplicationContext customerService;
    /** A loopback port that was free when the tests started, where no notification service answers. */
    private static final int NO_NOTIFICATION_SERVICE = Kafka.freePort();

    /** Spring Boot's tracer exports to every SpanExporter bean. */
    @TestConfiguration(proxyBeanMethods = false)
    static class InMemorySpans {

        @Bean
        SpanExporter inMemorySpans() {
            return TraceSpans.ORDER_SERVICE;
        }
    }

    @Autowired
    protected HistoryService history;
    @Autowired
    protected SignedCallbacks signedCallbacks;

    /** The shop's partners (warehouse, payment provider, carrier): third parties, so WireMock on loopback. */
    protected static final WireMockServer PARTNERS = partners();
    /** The link the stand-in carrier answers for its parcels. */
    protected static final String TRACKING_URL = "https://carrier.example/track/TRK-1";
    /** The payment provider's API key, as a deployment's environment would set it. */
    protected static final String PAYMENT_API_KEY = "test-only-payment-api-key";

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        registry.add("oasis.services.customer-url", () -> "http://localhost:" + customerServicePort());
        // No notification service runs beside these tests: nothing listens there, so an order's timeline comes
        // without its messages and says so (the platform's tests read them through the real service).
        registry.add("oasis.services.notification-url", () -> "http://127.0.0.1:" + NO_NOTIFICATION_SERVICE);
        registry.add("camel.kamelet.reserve-inventory.baseUrl", () -> PARTNERS.baseUrl() + "/warehouse");
        registry.add("camel.kamelet.release-inventory.baseUrl", () -> PARTNERS.baseUrl() + "/warehouse");
        registry.add("camel.kamelet.create-shipment.baseUrl", () -> PARTNERS.baseUrl() + "/carrier");
        registry.add("camel.kamelet.refund-payment.baseUrl", () -> PARTNERS.baseUrl() + "/payments");
        registry.add("camel.kamelet.refund-payment.apiKey", () -> PAYMENT_API_KEY);
    }

    /** Answers as the partners do when all is well; a test may add its own stubs. */
    private static WireMockServer partners() {
        WireMockServer partners = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        partners.start();
        partners.stubFor(post("/warehouse/reservations").willReturn(okJson("{\"reservationId\":\"res-1\"}").withStatus(201)));
        partners.stubFor(delete(urlPathMatching("/warehouse/reservations/.*")).willReturn(aResponse().withStatus(204)));
        partners.stubFor(post("/carrier/shipments").willReturn(okJson(
                "{\"trackingId\":\"TRK-1\",\"trackingUrl\":\"" + TRACKING_URL + "\"}").withStatus(201)));
        partners.stubFor(post("/payments/refunds").willReturn(okJson("{\"refundId\":\"ref-1\"}").withStatus(201)));
        return partners;
    }

    /** The customer service of this JVM, started on first use. */
    protected static synchronized int customerServicePort() {
        if (customerService == null) {
            Postgres db = Postgres.database();
            customerService = new SpringApplicationBuilder(CustomerServiceApplication.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("inMemorySpans",
                            TraceSpans.CUSTOMER_SERVICE))
                    .run(
                    "--spring.config.name=" + CustomerServiceApplication.NAME,
                    "--server.port=0",
                    // The engine on this test classpath belongs to the order service only.
                    "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration,"
                            + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
                            + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
                    "--spring.datasource.url=" + db.jdbcUrl() + "?currentSchema=customer",
                    "--spring.datasource.username=" + db.username(),
                    "--spring.datasource.password=" + db.password(),
                    "--spring.flyway.schemas=customer",
                    "--camel.component.kafka.brokers=" + Kafka.bootstrapServers(),
                    "--oasis.security.issuer-uri=" + Keycloak.server().issuerUri(),
                    "--oasis.security.jwk-set-uri=" + Keycloak.server().jwkSetUri(),
                    "--management.tracing.enabled=true", "--management.tracing.sampling.probability=1.0",
                    "--management.tracing.opentelemetry.export.schedule-delay=100ms");
        }
        return ((WebServerApplicationContext) customerService).getWebServer().getPort();
    }

    @Override
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Any method to any URL, with a JSON body unless it is null and with the given headers. */
    protected static HttpResponse<String> send(String method, String url, String token, String body,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = withJson(requestTo(url, token), method, body);
        headers.forEach(request::header);
        return send(request);
    }

    /** The shipping address test profiles get: orders without an address of their own go there. */
    protected static final String HOME_ADDRESS = """
            {"name":"Cora Customer","line1":"Hauptstr. 1","postalCode":"10115","city":"Berlin","country":"DE"}""";

    /**
     * Makes sure the customer the token is of has a profile in the customer service, with a shipping address
     * ({@link #HOME_ADDRESS} unless it has one): orders need both.
     */
    protected static void withProfile(String token) throws IOException, InterruptedException {
        String me = "http://localhost:" + customerServicePort() + "/api/v1/customers/me";
        HttpResponse<String> profile = send("POST", me, token, "{\"shippingAddress\":" + HOME_ADDRESS + "}", Map.of());
        assertThat(profile.statusCode()).as(profile.body()).isIn(201, 409);
        JsonNode existing = body(send("GET", me, token, null, Map.of()));
        if (existing.path("shippingAddress").isObject()) {
            return;
        }
        HttpResponse<String> patched = send("PATCH", "http://localhost:" + customerServicePort() + "/api/v1/customers/"
                + existing.path("id").asText(), token, "{\"shippingAddress\":" + HOME_ADDRESS + "}",
                Map.of("If-Match", "\"" + existing.path("version").asLong() + "\""));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    /** Places an order through the API as the customer the token is of, and answers its id. */
    protected String placeOrder(String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> created = send("POST", "/api/v1/orders", token, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).path("id").asText();
    }

    /** The order as {@code token} reads it once {@code until} holds (60 s at most). */
    protected JsonNode awaitOrder(String id, String token, Predicate<JsonNode> until) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last.set(body(send("GET", "/api/v1/orders/" + id, token, null)));
            assertThat(until).as(String.valueOf(last.get())).accepts(last.get());
        });
        return last.get();
    }

    /** The payment provider's signed webhook saying the order is paid, with the order's total and currency. */
    protected void pay(String id, String token) throws IOException, InterruptedException {
        JsonNode order = body(send("GET", "/api/v1/orders/" + id, token, null));
        String path = "/api/v1/payments/webhook";
        String body = "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-" + id + "\",\"outcome\":\"paid\",\"amount\":"
                + order.path("total").decimalValue().toPlainString() + ",\"currency\":\"" + order.path("currency").asText()
                + "\"}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> paid = send("POST", baseUrl() + path, null, body, Map.of(
                SignedCallbacks.TIMESTAMP, timestamp, SignedCallbacks.SIGNATURE, signedCallbacks.sign(Sender.PAYMENT_PROVIDER,
                        timestamp, "POST", path, body.getBytes(StandardCharsets.UTF_8))));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    /** The process definition (a version of the lifecycle) an order's process was started on. */
    protected String definitionOf(String orderId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult()
                .getProcessDefinitionId();
    }
}
