package io.oasis.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.IntegrationTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class SharedTableErasureTest extends IntegrationTest {

    private static final Set<String> PERSONAL = Set.of("email", "givenName");

    @Autowired
    SharedTableErasure erasure;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void theKernelTablesForgetThePersonAndKeepEveryoneElse() throws Exception {
        UUID person = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String email = "Ana_" + person.toString().substring(0, 8) + "@Example.com";
        String subject = "subject-" + person;
        long personsEvent = outbox(person.toString(), "{\"customer\":{\"id\":\"" + person + "\",\"email\":\"" + email
                + "\",\"givenName\":\"Ana\"},\"subject\":\"" + subject + "\"}");
        long eventNamingThePerson = outbox("order-1", "{\"orderId\":\"order-1\",\"customerId\":\"" + person + "\"}");
        long othersEvent = outbox(other.toString(), "{\"customer\":{\"id\":\"" + other + "\",\"email\":\"b@example.com\"}}");
        idempotencyKey("customer-create:admin", "k1-" + person, "{\"id\":\"" + person + "\",\"email\":\"" + email + "\"}");
        idempotencyKey("customer-register-self:" + subject, "k2-" + person, "{\"status\":\"ERASED\"}");
        idempotencyKey("customer-create:admin", "k3-" + person, "{\"id\":\"" + other + "\"}");
        // A key the client made from the person's address, whose stored answer says nothing.
        idempotencyKey("customer-create:partner", "register-" + email.toLowerCase(), null);
        deadLetter(person.toString(), "{\"data\":{\"email\":\"" + email.toUpperCase() + "\"}}");
        deadLetter("order-2", "{\"data\":{\"note\":\"mail " + email.toLowerCase() + "\"}}");
        deadLetter(other.toString(), "{\"data\":{\"email\":\"b@example.com\"}}");

        SharedTableErasure.Outcome outcome = transactions.execute(status -> erasure.erase(
                new ErasedPerson(person, subject, List.of(email)), json -> JsonRedaction.withoutFields(json, PERSONAL)));

        assertThat(outcome).isEqualTo(new SharedTableErasure.Outcome(1, 3, 2));
        JsonNode redacted = json.readTree(payload(personsEvent));
        assertThat(redacted.path("customer").path("id").asText()).isEqualTo(person.toString());
        assertThat(redacted.path("customer").path("email").isNull()).isTrue();
        assertThat(redacted.path("customer").path("givenName").isNull()).isTrue();
        // A payload without personal fields stays as it was; another person's is not touched.
        assertThat(payload(eventNamingThePerson)).contains(person.toString());
        assertThat(payload(othersEvent)).contains("b@example.com");
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key LIKE ?", "%-" + person)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", "k3-" + person)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", "register-" + email.toLowerCase()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM dead_letter_event WHERE LOWER(payload) LIKE ?",
                "%" + email.toLowerCase().replace("_", "\\_") + "%")).isZero();
        assertThat(count("SELECT COUNT(*) FROM dead_letter_event WHERE record_key = ?", other.toString())).isEqualTo(1);
    }

    @Test
    void aMarkerIsMatchedAsTextNotAsAPattern() {
        UUID person = UUID.randomUUID();
        // "_" and "%" are LIKE wildcards: "a_b" must not match "axb".
        String phone = "+49%_" + person.toString().substring(0, 6);
        deadLetter("other-" + person, "{\"data\":{\"phone\":\"+49xy" + person.toString().substring(0, 6) + "\"}}");

        SharedTableErasure.Outcome outcome = transactions.execute(status -> erasure.erase(
                new ErasedPerson(person, null, List.of(phone)), json -> json));

        assertThat(outcome.deadLettersDeleted()).isZero();
    }

    private long outbox(String aggregateId, String payload) {
        UUID eventId = UUID.randomUUID();
        jdbc.update("INSERT INTO outbox_event (event_id, topic, aggregate_id, event_type, payload, created_at, "
                + "published_at) VALUES (?, 'test.privacy', ?, 'SampleChanged', ?, ?, ?)", eventId, aggregateId, payload,
                OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC));
        return jdbc.queryForObject("SELECT seq FROM outbox_event WHERE event_id = ?", Long.class, eventId);
    }

    private void idempotencyKey(String scope, String key, String response) {
        jdbc.update("INSERT INTO idempotency_key (scope, idem_key, request_hash, response_status, response_body, "
                + "created_at) VALUES (?, ?, 'hash', 201, ?, ?)", scope, key, response, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void deadLetter(String key, String payload) {
        jdbc.update("INSERT INTO dead_letter_event (consumer, topic, kafka_partition, kafka_offset, record_key, payload, "
                + "error, failed_at) VALUES ('test', 'test.privacy', 0, 0, ?, ?, 'boom', ?)", key, payload,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private String payload(long seq) {
        return jdbc.queryForObject("SELECT payload FROM outbox_event WHERE seq = ?", String.class, seq);
    }

    private long count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Long.class, arguments);
    }
}
