package io.oasis.order.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.callback.SignedCallbacks;
import io.oasis.order.callback.SignedCallbacks.Sender;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where an order goes: the customer's profile address unless the order names one, validated and normalised,
 * stored with the order and shown on it; the carrier books the parcel to it, and its tracking number and link
 * land on the order and in {@code OrderShipped}.
 */
class ShippingAddressTest extends OrderServiceTest {

    private static final String ITEMS = """
            "currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":1,"unitPrice":9.50}]""";

    private static String customer;
    private static String manager;
    private static String admin;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeAll
    static void profiles() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        manager = Keycloak.accessToken(DemoUser.MANAGER);
        admin = Keycloak.accessToken(DemoUser.ADMIN);
        withProfile(customer);
    }

    @Test
    void anOrderGoesToTheProfilesAddressTheCarrierShipsThereAndItsTrackingLinkIsOnTheOrderAndTheEvent()
            throws Exception {
        JsonNode profileAddress = body(send("GET", customerService("/api/v1/customers/me"), customer, null, Map.of()))
                .path("shippingAddress");
        HttpResponse<String> placed = send("POST", "/api/v1/orders", customer, "{" + ITEMS + "}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = body(placed).path("id").asText();
        assertThat(body(placed).path("shippingAddress")).isEqualTo(profileAddress);
        assertThat(body(placed).has("shipment")).as("no parcel booked yet").isFalse();

        awaitOrder(id, customer, order -> order.path("status").asText().equals("AWAITING_PAYMENT"));
        pay(id, customer);
        JsonNode booked = awaitOrder(id, customer, order -> order.path("process").path("currentSteps")
                .findValuesAsText("id").contains(OrderProcess.EVENT_ORDER_SHIPPED));

        PARTNERS.verify(1, postRequestedFor(urlEqualTo("/carrier/shipments"))
                .withRequestBody(matchingJsonPath("$.orderId", equalTo(id)))
                .withRequestBody(matchingJsonPath("$.address.line1", equalTo(profileAddress.path("line1").asText())))
                .withRequestBody(matchingJsonPath("$.address.city", equalTo(profileAddress.path("city").asText())))
                .withRequestBody(matchingJsonPath("$.address.country", equalTo(profileAddress.path("country").asText()))));
        assertThat(booked.path("shipment").path("trackingNumber").asText()).isEqualTo("TRK-1");
        assertThat(booked.path("shipment").path("trackingUrl").asText()).isEqualTo(TRACKING_URL);
        assertThat(body(send("GET", "/api/v1/orders/" + id, manager, null)).path("shipment"))
                .as("staff see it too").isEqualTo(booked.path("shipment"));

        // The carrier says it left: OrderShipped carries the tracking number and link, for the mail.
        String path = "/api/v1/orders/" + id + "/shipment";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> shipped = send("POST", baseUrl() + path, null, "{}", Map.of(SignedCallbacks.TIMESTAMP,
                timestamp, SignedCallbacks.SIGNATURE, signedCallbacks.sign(Sender.CARRIER, timestamp, "POST", path,
                        "{}".getBytes(StandardCharsets.UTF_8))));
        assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
        awaitOrder(id, customer, order -> order.path("status").asText().equals("SHIPPED"));
        String payload = jdbc.queryForObject("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND event_type = ?",
                String.class, id, "OrderShipped");
        assertThat(payload).contains("\"trackingNumber\":\"TRK-1\"", "\"trackingUrl\":\"" + TRACKING_URL + "\"");
    }

    @Test
    void anAddressGivenWithTheOrderWinsOverTheProfileAndItsCountryBecomesItsIsoCode() throws Exception {
        HttpResponse<String> placed = send("POST", "/api/v1/orders", customer, "{" + ITEMS + ",\"shippingAddress\":"
                + "{\"name\":\" Cora at work \",\"line1\":\"Keizersgracht 1\",\"postalCode\":\"1015 CJ\","
                + "\"city\":\"Amsterdam\",\"country\":\"Netherlands\"}}");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = body(placed).path("id").asText();
        JsonNode stored = body(send("GET", "/api/v1/orders/" + id, customer, null)).path("shippingAddress");
        assertThat(stored.path("country").asText()).isEqualTo("NL");
        assertThat(stored.path("name").asText()).isEqualTo("Cora at work");
        assertThat(stored.path("city").asText()).isEqualTo("Amsterdam");
        assertThat(body(send("GET", customerService("/api/v1/customers/me"), customer, null, Map.of()))
                .path("shippingAddress").path("city").asText()).as("the profile keeps its own").isEqualTo("Berlin");
    }

    @Test
    void anInvalidAddressIsA400NamingTheFieldAndPlacesNothing() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM customer_order", Long.class);

        HttpResponse<String> atlantis = send("POST", "/api/v1/orders", customer, "{" + ITEMS + ",\"shippingAddress\":"
                + "{\"name\":\"Cora\",\"line1\":\"Main St 1\",\"city\":\"Poseidonia\",\"country\":\"Atlantis\"}}");
        HttpResponse<String> noStreet = send("POST", "/api/v1/orders", customer, "{" + ITEMS + ",\"shippingAddress\":"
                + "{\"name\":\"Cora\",\"line1\":\" \",\"postalCode\":\"10115!\",\"city\":\"Berlin\",\"country\":\"DE\"}}");

        assertThat(assertProblem(atlantis, 400).path("errors").findValuesAsText("field"))
                .containsExactly("shippingAddress.country");
        assertThat(assertProblem(noStreet, 400).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("shippingAddress.line1", "shippingAddress.postalCode");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_order", Long.class)).isEqualTo(before);
    }

    @Test
    void anOrderForACustomerWithoutAnAddressAnywhereIsA400NamingShippingAddress() throws Exception {
        String email = "no-address-" + UUID.randomUUID() + "@oasis.example";
        HttpResponse<String> registered = send("POST", customerService("/api/v1/customers"), admin,
                "{\"email\":\"" + email + "\",\"givenName\":\"Nadia\",\"familyName\":\"Nowhere\"}", Map.of());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        String customerId = body(send("GET", customerService("/api/v1/customers?email=" + email), admin, null, Map.of()))
                .path("items").get(0).path("id").asText();
        long before = jdbc.queryForObject("SELECT count(*) FROM customer_order WHERE customer_id = ?::uuid", Long.class,
                customerId);

        HttpResponse<String> refused = send("POST", "/api/v1/orders", manager,
                "{\"customerId\":\"" + customerId + "\"," + ITEMS + "}");

        assertThat(assertProblem(refused, 400).path("errors").findValuesAsText("field")).containsExactly("shippingAddress");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_order WHERE customer_id = ?::uuid", Long.class,
                customerId)).isEqualTo(before);
    }

    private static String customerService(String path) {
        return "http://localhost:" + customerServicePort() + path;
    }
}
