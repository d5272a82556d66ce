package io.oasis.customer.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.KafkaTopics;
import io.oasis.testsupport.PersonalDataSearch;
import io.oasis.testsupport.Postgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** What an erasure leaves of a person in the customer service: nothing but ids, the country and the audit trail. */
class CustomerErasureTest extends CustomerServiceTestBase {

    @Autowired
    CloudEventMapper events;
    @Value("${oasis.topics.customer-events}")
    String customerTopic;
    @Value("${oasis.topics.order-events}")
    String orderTopic;

    @Test
    void noTableOfTheServiceHoldsTheErasedPersonsEmailNameOrPhone() throws Exception {
        Person person = Person.unique();
        HttpResponse<String> created = send(request(CUSTOMERS, DemoUser.ADMIN).header("Content-Type", "application/json")
                .header("Idempotency-Key", "register-" + person.email())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"email":"%s","givenName":"%s","familyName":"%s","phone":"%s","country":"PT",
                         "shippingAddress":{"name":"%s %s","line1":"Rua Augusta 1","city":"Lisboa","country":"Portugal"}}"""
                        .formatted(person.email(), person.givenName(), person.familyName(), person.phone(),
                                person.givenName(), person.familyName()))));
        assertThat(created.statusCode()).isEqualTo(202);
        UUID id = UUID.fromString(customerWithEmail(person.email()).path("id").asText());
        String path = CUSTOMERS + "/" + id;
        assertThat(postJson(path + "/history", DemoUser.SUPPORT, """
                {"type":"CALL","channel":"PHONE","summary":"%s %s called from %s, write to %s"}"""
                .formatted(person.givenName(), person.familyName(), person.phone(), person.email())).statusCode())
                .isEqualTo(201);
        assertThat(putJson(path + "/preferences", DemoUser.ADMIN, """
                {"emailOptIn":true,"smsOptIn":true,"pushOptIn":false,"webhookOptIn":false,"locale":"pt-PT",
                 "timeZone":"Europe/Lisbon","marketingConsent":true}""", null).statusCode()).isEqualTo(200);
        // What the CRM connector keeps of a change the CRM did not take: a copy of the contact.
        jdbc.update("INSERT INTO crm_sync_failure (id, customer_id, event_id, event_type, payload, error, attempts, failed_at) "
                + "VALUES (?, ?, 'e1', 'CustomerUpdated', ?, 'CRM answered 500', 3, ?)", UUID.randomUUID(), id,
                "{\"email\":\"" + person.email() + "\",\"phone\":\"" + person.phone() + "\"}", OffsetDateTime.now(ZoneOffset.UTC));
        assertThat(hits(person)).as("the person is in the tables before").isNotEmpty();

        HttpResponse<String> erased = postJson(path + "/erase", DemoUser.ADMIN, "{\"reason\":\"GDPR Art. 17 request\"}");

        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(body(erased).path("status").asText()).isEqualTo("ERASED");
        assertThat(hits(person)).isEmpty();
        assertThat(get(path + "/preferences", DemoUser.ADMIN).statusCode()).isEqualTo(404);
        assertThat(body(get(path + "/history", DemoUser.ADMIN)).path("total").asLong()).isZero();
        assertThat(body(get(path, DemoUser.ADMIN)).path("country").asText()).isEqualTo("PT");
        assertThat(body(get(path, DemoUser.ADMIN)).path("shippingAddress").isNull()).as("the address goes").isTrue();
        assertThat(rows("SELECT count(*) FROM customer_audit WHERE customer_id = ? AND action = 'ERASED' "
                + "AND actor = 'admin' AND detail = 'GDPR Art. 17 request'", id)).isEqualTo(1);
        // The other services learn of it from an event that names the customer and nothing else about them.
        JsonNode event = awaitEvent(id, "CustomerErased");
        assertThat(event.path("customerId").asText()).isEqualTo(id.toString());
        assertThat(event.path("status").asText()).isEqualTo("ERASED");
        assertThat(event.has("subject")).isFalse();
    }

    @Test
    void aSelfRegisteredCustomersErasureNamesTheirSubjectSoTheirOrdersCanBePseudonymised() throws Exception {
        String id = ownProfile(DemoUser.CUSTOMER2).path("id").asText();
        String subject = subjectOf(DemoUser.CUSTOMER2);
        jdbc.update("INSERT INTO idempotency_key (scope, idem_key, request_hash, response_status, response_body, created_at) "
                + "VALUES (?, ?, 'h', 201, '{}', ?)", "customer-register-self:" + subject, "k-" + id,
                OffsetDateTime.now(ZoneOffset.UTC));

        HttpResponse<String> erased = postJson(CUSTOMERS + "/" + id + "/erase", DemoUser.ADMIN, "{\"reason\":\"asked by letter\"}");

        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(awaitEvent(UUID.fromString(id), "CustomerErased").path("subject").asText()).isEqualTo(subject);
        assertThat(rows("SELECT count(*) FROM idempotency_key WHERE scope = ?", "customer-register-self:" + subject)).isZero();
        // The sign-in account is theirs to use again: it has no profile now, and may make a new one.
        assertThat(get(CUSTOMERS + "/me", DemoUser.CUSTOMER2).statusCode()).isEqualTo(404);
    }

    @Test
    void anOrderEventThatArrivesAfterTheErasureAddsNothingToTheHistory() throws Exception {
        UUID id = UUID.fromString(newCustomer("Late").path("id").asText());
        assertThat(postJson(CUSTOMERS + "/" + id + "/erase", DemoUser.ADMIN, "{\"reason\":\"asked\"}").statusCode())
                .isEqualTo(200);

        var late = events.create("OrderCancelled", UUID.randomUUID().toString(), Map.of("orderId", UUID.randomUUID().toString(),
                "customerId", id.toString(), "reason", "call me on +4915100000000"), null);
        KafkaTopics.produce(orderTopic, late.getSubject(), events.serialize(late));

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM camel_messageprocessed "
                + "WHERE processorName = 'customer-order-history' AND messageId = ? AND confirmed", late.getId()) == 1);
        assertThat(rows("SELECT count(*) FROM customer_history WHERE customer_id = ?", id)).isZero();
    }

    private List<PersonalDataSearch.Hit> hits(Person person) throws Exception {
        try (Connection connection = Postgres.database().connect()) {
            return PersonalDataSearch.find(connection, person.texts());
        }
    }

    private JsonNode awaitEvent(UUID customerId, String type) throws Exception {
        var records = KafkaTopics.read(kafka(), customerTopic, Duration.ofSeconds(30), read -> read.stream()
                .anyMatch(r -> customerId.toString().equals(r.key()) && r.value().contains("\"type\":\"" + type + "\"")));
        String value = records.stream().filter(r -> customerId.toString().equals(r.key()))
                .map(r -> r.value()).filter(v -> v.contains("\"type\":\"" + type + "\"")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " for " + customerId + " on " + customerTopic));
        return json.readTree(events.parse(value).envelope().getData().toBytes());
    }

    private static String kafka() {
        return io.oasis.testsupport.Kafka.bootstrapServers();
    }

    /** A person with an e-mail address, name and phone number nobody else in the database has. */
    record Person(String email, String givenName, String familyName, String phone) {

        static Person unique() {
            String letters = PersonalDataSearch.randomLetters(6);
            return new Person("zoe." + UUID.randomUUID() + "@example.com", "Zoe" + letters, "Quill" + letters,
                    "+49151" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
        }

        List<String> texts() {
            return List.of(email, givenName, familyName, phone);
        }
    }
}
