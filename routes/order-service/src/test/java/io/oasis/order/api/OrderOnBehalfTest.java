package io.oasis.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.order.Order;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orders staff place for a customer: the customer owns them (sees them, is told of them), the order records
 * who placed it, support cancels under the customer's rules, and every step names its actor. A customer cannot
 * order for someone else, and the service accounts that read as support agents cannot order at all.
 */
class OrderOnBehalfTest extends OrderServiceTest {

    private static final String ITEMS = """
            "currency":"EUR","items":[{"sku":"LAMP-1","name":"Desk lamp","quantity":1,"unitPrice":40.00}]""";

    private static String customer;
    private static String customer2;
    private static String support;
    private static String customerId;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeAll
    static void profiles() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        customer2 = Keycloak.accessToken(DemoUser.CUSTOMER2);
        support = Keycloak.accessToken(DemoUser.SUPPORT);
        withProfile(customer);
        withProfile(customer2);
        customerId = body(send("GET", "http://localhost:" + customerServicePort() + "/api/v1/customers/me", customer,
                null, Map.of())).path("id").asText();
    }

    @Test
    void supportPlacesAnOrderTheCustomerOwnsSeesAndIsToldOfAndSupportCancelsItWithEachStepsActor() throws Exception {
        HttpResponse<String> placed = send("POST", "/api/v1/orders", support,
                "{\"customerId\":\"" + customerId + "\"," + ITEMS + "}");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = body(placed);
        String id = order.path("id").asText();
        assertThat(order.path("customerId").asText()).isEqualTo(customerId);
        assertThat(order.path("placedBy").asText()).isEqualTo(subjectOf(DemoUser.SUPPORT));
        assertThat(order.path("shippingAddress").path("city").asText()).as("the profile's address").isEqualTo("Berlin");
        assertThat(order.path("history").get(0).path("actor").asText()).isEqualTo(subjectOf(DemoUser.SUPPORT));
        assertThat(order.path("history").get(0).path("reason").asText()).isEqualTo(Order.ON_BEHALF);

        // The customer owns it: in their list and readable; another customer gets the 404 of an unknown id.
        assertThat(body(send("GET", "/api/v1/orders?size=100", customer, null)).path("items").findValuesAsText("id"))
                .contains(id);
        assertThat(send("GET", "/api/v1/orders/" + id, customer, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/orders/" + id + "/timeline", customer, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/orders/" + id, customer2, null).statusCode()).isEqualTo(404);
        assertThat(body(send("GET", "/api/v1/orders?size=100", customer2, null)).path("items").findValuesAsText("id"))
                .doesNotContain(id);
        // The notification service mails the customer the event names: the customer, not who placed it.
        String placedEvent = jdbc.queryForObject("SELECT payload FROM outbox_event WHERE aggregate_id = ? "
                + "AND event_type = 'OrderPlaced'", String.class, id);
        assertThat(placedEvent).contains("\"customerId\":\"" + customerId + "\"");

        awaitOrder(id, customer, o -> o.path("status").asText().equals("AWAITING_PAYMENT"));
        HttpResponse<String> cancelled = send("POST", "/api/v1/orders/" + id + "/cancel", support,
                "{\"reason\":\"customer called: ordered twice\"}");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode history = awaitOrder(id, customer, o -> o.path("status").asText().equals("CANCELLED")).path("history");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("to").asText()).isEqualTo("CANCELLED");
        assertThat(last.path("actor").asText()).isEqualTo(subjectOf(DemoUser.SUPPORT));
        assertThat(last.path("reason").asText()).isEqualTo("customer called: ordered twice");
        assertThat(history.findValuesAsText("actor")).doesNotContainNull().allMatch(actor -> !actor.isBlank());
    }

    @Test
    void theCustomerCancelsAnOrderSupportPlacedForThemUnderTheSameRules() throws Exception {
        String id = body(send("POST", "/api/v1/orders", support, "{\"customerId\":\"" + customerId + "\"," + ITEMS + "}"))
                .path("id").asText();
        awaitOrder(id, customer, o -> o.path("status").asText().equals("AWAITING_PAYMENT"));

        assertThat(send("POST", "/api/v1/orders/" + id + "/cancel", customer2, "{\"reason\":\"not mine\"}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> cancelled = send("POST", "/api/v1/orders/" + id + "/cancel", customer,
                "{\"reason\":\"changed my mind\"}");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode history = awaitOrder(id, customer, o -> o.path("status").asText().equals("CANCELLED")).path("history");
        assertThat(history.get(history.size() - 1).path("actor").asText()).isEqualTo(subjectOf(DemoUser.CUSTOMER));
    }

    @Test
    void aCustomerOrderingForAnotherCustomerIsForbiddenAndPlacesNothing() throws Exception {
        String other = body(send("GET", "http://localhost:" + customerServicePort() + "/api/v1/customers/me", customer2,
                null, Map.of())).path("id").asText();
        long before = jdbc.queryForObject("SELECT count(*) FROM customer_order", Long.class);

        HttpResponse<String> refused = send("POST", "/api/v1/orders", customer, "{\"customerId\":\"" + other + "\"," + ITEMS + "}");

        assertProblem(refused, 403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_order", Long.class)).isEqualTo(before);
    }

    @Test
    void aServiceAccountThatReadsAsASupportAgentCannotPlaceOrCancelOrders() throws Exception {
        String serviceAccount = Keycloak.accessToken(ServiceClient.NOTIFICATION_SERVICE);
        String id = body(send("POST", "/api/v1/orders", customer, "{" + ITEMS + "}")).path("id").asText();

        assertProblem(send("POST", "/api/v1/orders", serviceAccount, "{\"customerId\":\"" + customerId + "\"," + ITEMS + "}"),
                403);
        assertProblem(send("POST", "/api/v1/orders/" + id + "/cancel", serviceAccount, "{\"reason\":\"because\"}"), 403);
        assertThat(send("GET", "/api/v1/orders/" + id, serviceAccount, null).statusCode()).as("it still reads")
                .isEqualTo(200);
    }
}
