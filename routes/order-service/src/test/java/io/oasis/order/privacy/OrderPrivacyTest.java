package io.oasis.order.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.order.OrderServiceTest;
import io.oasis.testsupport.KafkaTopics;
import io.oasis.testsupport.Keycloak;
import io.oasis.testsupport.PersonalDataSearch;
import io.oasis.testsupport.Postgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An erased customer's orders: kept for bookkeeping, with nothing left that says who the person was or
 * what people wrote about them, in the order tables, the engine's tables and the kernel's; and the
 * order service's part of an export, for the customer service's account only.
 */
class OrderPrivacyTest extends OrderServiceTest {

    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":1,"unitPrice":9.50}]}""";
    private static final String LARGE_ORDER = """
            {"currency":"EUR","items":[{"sku":"TV-1","name":"Television","quantity":1,"unitPrice":1499.00}]}""";

    private static String customer;
    private static String customerId;
    private static String subject;

    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloudEventMapper events;

    @BeforeAll
    static void customerWithAProfile() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER2);
        String me = "http://localhost:" + customerServicePort() + "/api/v1/customers/me";
        withProfile(customer);
        ObjectMapper json = new ObjectMapper();
        customerId = json.readTree(send("GET", me, customer, null, Map.of()).body()).path("id").asText();
        subject = json.readTree(Base64.getUrlDecoder().decode(customer.split("\\.")[1])).path("sub").asText();
    }

    @Test
    void anErasedCustomersOrdersKeepTheirBookkeepingAndLoseTheirPersonalData() throws Exception {
        String phone = "+49170" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        String word = "Quillon" + PersonalDataSearch.randomLetters(5);
        String manager = Keycloak.accessToken(DemoUser.MANAGER);
        String waiting = placeOrder(customer, SMALL_ORDER);
        String reviewed = placeOrder(customer, LARGE_ORDER);
        String cancelled = placeOrder(customer, SMALL_ORDER);
        awaitStatus(waiting, "AWAITING_PAYMENT");
        awaitStatus(reviewed, "IN_REVIEW");
        assertThat(send("POST", "/api/v1/orders/" + reviewed + "/approval", manager,
                "{\"approve\":true,\"reason\":\"Spoke to " + word + " on " + phone + "\"}").statusCode()).isEqualTo(200);
        awaitStatus(cancelled, "AWAITING_PAYMENT");
        assertThat(send("POST", "/api/v1/orders/" + cancelled + "/cancel", customer,
                "{\"reason\":\"" + word + " here, changed my mind, call " + phone + "\"}").statusCode()).isEqualTo(200);
        awaitStatus(cancelled, "CANCELLED");
        List<String> traces = List.of(phone, word, subject);
        assertThat(hits(traces)).as("the order service holds the person's traces before").isNotEmpty();

        CloudEvent erased = erasure();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM camel_messageprocessed "
                + "WHERE processorName = 'order-customer-erasure' AND messageId = ? AND confirmed", Long.class,
                erased.getId()) == 1);
        assertThat(hits(traces)).isEmpty();
        JsonNode kept = json.readTree(send("GET", "/api/v1/orders/" + cancelled, manager, null).body());
        assertThat(kept.path("customerId").asText()).isEqualTo(customerId);
        assertThat(kept.path("total").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(kept.path("items").get(0).path("sku").asText()).isEqualTo("MUG-1");
        assertThat(kept.path("history").findValuesAsText("to")).containsExactly("PLACED", "APPROVED", "AWAITING_PAYMENT",
                "CANCELLED");
        List<String> actors = kept.path("history").findValuesAsText("actor");
        assertThat(actors.get(0)).as("who placed it").isEqualTo(OrderPersonalData.PSEUDONYM);
        assertThat(actors.get(3)).as("who cancelled it").isEqualTo(OrderPersonalData.PSEUDONYM);
        assertThat(actors).doesNotContain(subject);
        assertThat(kept.path("history").findValuesAsText("reason")).contains("approved automatically",
                OrderPersonalData.ERASED_TEXT);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(cancelled).count()).isZero();
        // Nobody signs in as the pseudonym: the person's account no longer sees these orders.
        assertThat(send("GET", "/api/v1/orders/" + waiting, customer, null).statusCode()).isEqualTo(404);

        // The running processes go on with the scrubbed variables, to their end.
        KafkaTopics.produce("oasis.payment.events", waiting, paymentEvent(waiting));
        awaitStatus(waiting, "PAID");
        assertThat(send("POST", "/api/v1/orders/" + reviewed + "/cancel", manager, "{\"reason\":\"stock\"}")
                .statusCode()).isEqualTo(200);
        awaitStatus(reviewed, "CANCELLED");
        // The same erasure again (a redelivery) finds nothing more to do and fails nothing.
        CloudEvent again = erasure();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM camel_messageprocessed "
                + "WHERE processorName = 'order-customer-erasure' AND messageId = ? AND confirmed", Long.class,
                again.getId()) == 1);
        assertThat(hits(traces)).isEmpty();
    }

    @Test
    void theOrderPartOfAnExportIsForTheCustomerServicesAccountOnly() throws Exception {
        String id = placeOrder(customer, SMALL_ORDER);
        String path = "/internal/privacy/customers/" + customerId;

        HttpResponse<String> exported = send("GET", path, Keycloak.accessToken(ServiceClient.CUSTOMER_SERVICE), null);

        assertThat(exported.statusCode()).isEqualTo(200);
        JsonNode part = json.readTree(exported.body());
        assertThat(part.path("customerId").asText()).isEqualTo(customerId);
        assertThat(part.path("orders").findValuesAsText("id")).contains(id);
        assertThat(part.path("orders").findValuesAsText("customerId")).containsOnly(customerId);
        assertThat(send("GET", path, Keycloak.accessToken(DemoUser.ADMIN), null).statusCode()).isEqualTo(403);
        assertThat(send("GET", path, customer, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", path, Keycloak.accessToken(ServiceClient.ORDER_SERVICE), null).statusCode()).isEqualTo(403);
        assertThat(send("GET", path, null, null).statusCode()).isEqualTo(401);
    }

    private CloudEvent erasure() throws Exception {
        CloudEvent event = events.create("CustomerErased", customerId,
                Map.of("customerId", customerId, "status", "ERASED", "subject", subject), null);
        KafkaTopics.produce("oasis.customer.events", customerId, events.serialize(event));
        return event;
    }

    /** Where the order service's own tables (not the customer service's schema beside them) hold one of the texts. */
    private List<PersonalDataSearch.Hit> hits(List<String> texts) throws Exception {
        try (Connection connection = Postgres.database().connect()) {
            return new ArrayList<>(PersonalDataSearch.find(connection, texts, table -> table.startsWith("\"public\".")));
        }
    }


    private void awaitStatus(String id, String status) {
        String manager = Keycloak.accessToken(DemoUser.MANAGER);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(json.readTree(send("GET", "/api/v1/orders/" + id, manager, null).body()).path("status")
                        .asText()).isEqualTo(status));
    }

    private static String paymentEvent(String orderId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/payment-provider","type":"PaymentReceived",
                 "subject":"%s","datacontenttype":"application/json",
                 "data":{"orderId":"%s","paymentId":"pay-%s","amount":9.50,"currency":"EUR"}}""".formatted(UUID.randomUUID(), orderId, orderId, orderId);
    }

}
