package io.oasis.customer.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Customer changes go out as events exactly once; order events come in as history entries. */
class CustomerEventsTest extends CustomerServiceTestBase {

    private static final String CUSTOMER_EVENTS = "oasis.customer.events";
    private static final String ORDER_EVENTS = "oasis.order.events";

    @Autowired
    private CloudEventMapper events;

    @Test
    void eachChangeIsPublishedOnceKeyedByTheCustomer() throws Exception {
        JsonNode customer = newCustomer("Evan");
        String id = customer.path("id").asText();
        patch(CUSTOMERS + "/" + id, DemoUser.ADMIN, "{\"familyName\":\"Ventful\"}", "\"0\"");
        putJson(CUSTOMERS + "/" + id + "/preferences", DemoUser.ADMIN, """
                {"emailOptIn":false,"smsOptIn":true,"pushOptIn":false,"webhookOptIn":false,"locale":"en",
                 "timeZone":"UTC","marketingConsent":false}""", null);
        send(request(CUSTOMERS + "/" + id, DemoUser.ADMIN).DELETE());

        List<String> expected = List.of("CustomerRegistered", "CustomerUpdated", "CustomerPreferencesChanged",
                "CustomerDeactivated");
        List<ConsumerRecord<String, String>> records = KafkaTopics.read(Kafka.bootstrapServers(), CUSTOMER_EVENTS,
                Duration.ofSeconds(30), read -> ofCustomer(read, id).size() >= expected.size());
        // Read on a little: a second copy of any event would show here.
        records = KafkaTopics.read(Kafka.bootstrapServers(), CUSTOMER_EVENTS, Duration.ofSeconds(2),
                read -> false);

        List<ConsumerRecord<String, String>> mine = ofCustomer(records, id);
        assertThat(mine).extracting(record -> events.parse(record.value()).type()).containsExactlyElementsOf(expected);
        assertThat(mine).extracting(record -> events.parse(record.value()).id()).doesNotHaveDuplicates();
        JsonNode registered = json.readTree(mine.get(0).value());
        assertThat(registered.path("specversion").asText()).isEqualTo("1.0");
        assertThat(registered.path("subject").asText()).isEqualTo(id);
        assertThat(registered.path("data").path("customer").path("email").asText())
                .isEqualTo(customer.path("email").asText());
        assertThat(registered.path("data").path("preferences").path("emailOptIn").asBoolean()).isTrue();
    }

    @Test
    void aRefusedChangePublishesNothing() throws Exception {
        JsonNode customer = newCustomer("Quiet");
        String id = customer.path("id").asText();

        patch(CUSTOMERS + "/" + id, DemoUser.ADMIN, "{\"email\":\"broken\"}", "\"0\"");
        patch(CUSTOMERS + "/" + id, DemoUser.ADMIN, "{\"familyName\":\"Stale\"}", "\"7\"");

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND published_at IS NULL", id) == 0);
        assertThat(rows("SELECT count(*) FROM outbox_event WHERE aggregate_id = ?", id)).isEqualTo(1);
    }

    @Test
    void orderStatusChangesAppearInTheHistoryOnce() throws Exception {
        JsonNode customer = newCustomer("Orla");
        UUID customerId = UUID.fromString(customer.path("id").asText());
        String orderId = UUID.randomUUID().toString();
        String shipped = events.serialize(events.create("OrderShipped", orderId,
                Map.of("orderId", orderId, "customerId", customerId.toString(), "status", "SHIPPED"), null));
        String paymentRequested = events.serialize(events.create("PaymentRequested", orderId,
                Map.of("orderId", orderId, "customerId", customerId.toString()), null));

        KafkaTopics.produce(ORDER_EVENTS, orderId, shipped);
        KafkaTopics.produce(ORDER_EVENTS, orderId, shipped);
        KafkaTopics.produce(ORDER_EVENTS, orderId, paymentRequested);

        String history = CUSTOMERS + "/" + customerId + "/history";
        await().atMost(Duration.ofSeconds(30)).until(() -> body(get(history, DemoUser.SUPPORT)).path("total").asLong() >= 1);
        // The three records are consumed in order: once the last one is done, both copies were seen.
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(
                "SELECT count(*) FROM camel_messageprocessed WHERE confirmed = TRUE AND messageId = ?",
                events.parse(paymentRequested).id()) == 1);
        JsonNode entries = body(get(history, DemoUser.SUPPORT));
        assertThat(entries.path("total").asLong()).isEqualTo(1);
        assertThat(entries.path("items").get(0).path("summary").asText()).isEqualTo("Order " + orderId + " shipped");
        assertThat(entries.path("items").get(0).path("type").asText()).isEqualTo("ORDER");
    }

    private static List<ConsumerRecord<String, String>> ofCustomer(List<ConsumerRecord<String, String>> records,
            String id) {
        return records.stream().filter(record -> id.equals(record.key())).toList();
    }
}
