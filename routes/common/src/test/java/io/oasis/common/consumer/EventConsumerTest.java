package io.oasis.common.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.cloudevents.CloudEvent;
import io.oasis.common.IntegrationTest;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.testapp.CommonTestApplication;
import io.oasis.common.testapp.EffectLog;
import io.oasis.testsupport.KafkaTopics;

class EventConsumerTest extends IntegrationTest {

    @Autowired
    CloudEventMapper mapper;
    @Autowired
    EffectLog effects;
    @Autowired
    CamelContext camel;

    private CloudEvent event(String aggregate, Map<String, Object> data, String correlationId) {
        return mapper.create("SampleCounted", aggregate, data, correlationId);
    }

    @Test
    void sameEventTwiceHasOneEffect() throws Exception {
        CloudEvent event = event("agg-dup", Map.of("n", 1), "dup-corr");
        NotifyBuilder twoDone = new NotifyBuilder(camel).fromRoute("test-dedupe-consumer").whenDone(2).create();
        KafkaTopics.produce(CommonTestApplication.DEDUPE_TOPIC, "agg-dup", mapper.serialize(event));
        KafkaTopics.produce(CommonTestApplication.DEDUPE_TOPIC, "agg-dup", mapper.serialize(event));

        assertThat(twoDone.matches(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(effects.effects(event.getId())).isEqualTo(1);
        assertThat(effects.correlationIds()).contains("dup-corr");
        assertThat(jdbc.queryForObject("SELECT confirmed FROM camel_messageprocessed WHERE processorName = ? "
                + "AND messageId = ?", Boolean.class, "test-dedupe-consumer", event.getId())).isTrue();
    }

    @Test
    void failingEventIsRetriedThenDeadLetteredAndTheConsumerMovesOn() throws Exception {
        CloudEvent poison = event("agg-fail", Map.of("fail", true), "fail-corr");
        CloudEvent next = event("agg-fail", Map.of("n", 2), "fail-corr");
        KafkaTopics.produce(CommonTestApplication.FAILING_TOPIC, "agg-fail", mapper.serialize(poison));
        KafkaTopics.produce(CommonTestApplication.FAILING_TOPIC, "agg-fail", mapper.serialize(next));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects.effects(next.getId()) == 1);
        // First try plus oasis.consumer.maximum-redeliveries (2 in the test config), then no more.
        assertThat(effects.attempts(poison.getId())).isEqualTo(3);
        assertThat(effects.effects(poison.getId())).isZero();
        Map<String, Object> dead = jdbc.queryForMap("SELECT consumer, topic, kafka_partition, kafka_offset, record_key, "
                + "payload, error FROM dead_letter_event WHERE event_id = ?", poison.getId());
        assertThat(dead.get("consumer")).isEqualTo("test-failing-consumer");
        assertThat(dead.get("topic")).isEqualTo(CommonTestApplication.FAILING_TOPIC);
        assertThat(dead.get("record_key")).isEqualTo("agg-fail");
        assertThat(dead.get("kafka_offset")).isNotNull();
        assertThat(mapper.parse((String) dead.get("payload")).id()).isEqualTo(poison.getId());
        assertThat((String) dead.get("error")).contains("cannot handle event");
        // A dead-lettered id is not marked done: a deliberate re-send would be processed.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM camel_messageprocessed WHERE messageId = ?",
                Integer.class, poison.getId())).isZero();
    }

    @Test
    void anEventThatMustBeHandledIsReadAgainInsteadOfDeadLettered() throws Exception {
        // Fails 5 times: more than one round of in-process retries (3 attempts here), so Kafka must deliver it again.
        CloudEvent erasure = mapper.create("SampleMustComplete", "agg-must", Map.of("failAttempts", 5), "must-corr");
        CloudEvent next = event("agg-must", Map.of("n", 5), "must-corr");
        KafkaTopics.produce(CommonTestApplication.FAILING_TOPIC, "agg-must", mapper.serialize(erasure));
        KafkaTopics.produce(CommonTestApplication.FAILING_TOPIC, "agg-must", mapper.serialize(next));

        await().atMost(Duration.ofSeconds(60)).until(() -> effects.effects(next.getId()) == 1);
        assertThat(effects.effects(erasure.getId())).isEqualTo(1);
        assertThat(effects.attempts(erasure.getId())).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_event WHERE event_id = ?", Integer.class,
                erasure.getId())).isZero();
        assertThat(jdbc.queryForObject("SELECT confirmed FROM camel_messageprocessed WHERE processorName = ? "
                + "AND messageId = ?", Boolean.class, "test-failing-consumer", erasure.getId())).isTrue();
    }

    @Test
    void recordThatIsNotACloudEventIsDeadLetteredAtOnce() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        KafkaTopics.produce(CommonTestApplication.FAILING_TOPIC, key, "this is not json");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM dead_letter_event WHERE record_key = ?", Integer.class, key) == 1);
        assertThat(jdbc.queryForObject("SELECT payload FROM dead_letter_event WHERE record_key = ?", String.class, key))
                .isEqualTo("this is not json");
    }

    @Test
    void idLeftUnconfirmedByACrashedNodeIsProcessedAgain() throws Exception {
        CloudEvent orphan = event("agg-orphan", Map.of("n", 3), null);
        CloudEvent fresh = event("agg-orphan", Map.of("n", 4), null);
        // A node took both ids and died: one lock is older than oasis.consumer.lock-max-age (60s here), one is not.
        jdbc.update("INSERT INTO camel_messageprocessed (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                "test-dedupe-consumer", orphan.getId(), new Timestamp(System.currentTimeMillis() - 120_000));
        jdbc.update("INSERT INTO camel_messageprocessed (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                "test-dedupe-consumer", fresh.getId(), new Timestamp(System.currentTimeMillis()));
        NotifyBuilder twoDone = new NotifyBuilder(camel).fromRoute("test-dedupe-consumer").whenDone(2).create();
        KafkaTopics.produce(CommonTestApplication.DEDUPE_TOPIC, "agg-orphan", mapper.serialize(orphan));
        KafkaTopics.produce(CommonTestApplication.DEDUPE_TOPIC, "agg-orphan", mapper.serialize(fresh));

        assertThat(twoDone.matches(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(effects.effects(orphan.getId())).isEqualTo(1);
        // A lock still young is someone else's work in progress: skipped as a duplicate.
        assertThat(effects.effects(fresh.getId())).isZero();
    }
}
