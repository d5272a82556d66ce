package io.oasis.common.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import io.cloudevents.CloudEvent;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.oasis.common.IntegrationTest;
import io.oasis.common.error.ConflictException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.testapp.CommonTestApplication;
import io.oasis.common.testapp.EffectLog;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.KafkaTopics;

/** Dead letters as an admin handles them: listed, read, replayed once and on record, and counted for alerts. */
class DeadLettersTest extends IntegrationTest {

    private static final String CONSUMER = "test-dead-letter-consumer";

    @Autowired
    DeadLetters letters;
    @Autowired
    DeadLetterMeters meters;
    @Autowired
    CloudEventMapper mapper;
    @Autowired
    EffectLog effects;
    @Autowired
    PrometheusMeterRegistry prometheus;

    @Test
    void aReplayedLetterIsHandledByItsConsumerOnceAndKeepsWhoReplayedIt() throws Exception {
        // Fails its first three attempts (the try and two redeliveries), so it is dead-lettered; handled the fourth time.
        CloudEvent event = mapper.create("SampleCounted", "agg-replay", Map.of("failAttempts", 3), "replay-corr");
        KafkaTopics.produce(CommonTestApplication.DEAD_LETTER_TOPIC, "agg-replay", mapper.serialize(event));
        DeadLetter letter = awaitLetter(event.getId());
        assertThat(effects.effects(event.getId())).isZero();
        assertThat(letter.consumer()).isEqualTo(CONSUMER);
        assertThat(letter.key()).isEqualTo("agg-replay");
        assertThat(letter.error()).contains("not yet able to handle event");
        assertThat(letter.replayedAt()).isNull();

        PageResponse<DeadLetter> open = letters.list(CONSUMER, false, PageRequest.of(0, 100));
        assertThat(open.items()).extracting(DeadLetter::id).contains(letter.id());
        assertThat(open.items()).allMatch(each -> each.payload() == null, "lists leave payloads out");
        assertThat(letters.get(letter.id()).payload()).contains(event.getId());
        assertThat(openLettersMetric()).isEqualTo(openLettersInDatabase());

        long endBefore = endOffset(CommonTestApplication.DEAD_LETTER_TOPIC);
        DeadLetter replayed = letters.replay(letter.id(), "ops-admin");
        assertThat(replayed.replayedBy()).isEqualTo("ops-admin");
        assertThat(replayed.replayedAt()).isNotNull();
        assertThat(endOffset(CommonTestApplication.DEAD_LETTER_TOPIC)).isEqualTo(endBefore + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> effects.effects(event.getId()) == 1);

        // Asked again, the replay answers what was done and sends nothing.
        DeadLetter again = letters.replay(letter.id(), "someone-else");
        assertThat(again.replayedBy()).isEqualTo("ops-admin");
        assertThat(again.replayedAt()).isEqualTo(replayed.replayedAt());
        assertThat(endOffset(CommonTestApplication.DEAD_LETTER_TOPIC)).isEqualTo(endBefore + 1);
        assertThat(effects.effects(event.getId())).isEqualTo(1);

        assertThat(letters.list(CONSUMER, true, PageRequest.of(0, 100)).items()).extracting(DeadLetter::id)
                .contains(letter.id());
        assertThat(letters.list(CONSUMER, false, PageRequest.of(0, 100)).items()).extracting(DeadLetter::id)
                .doesNotContain(letter.id());
        assertThat(openLettersMetric()).isEqualTo(openLettersInDatabase());
    }

    @Test
    void aRecordThatIsNoEventIsNotReplayedAndUnknownLettersAreNotFound() throws Exception {
        String garbage = "not a cloud event " + UUID.randomUUID();
        KafkaTopics.produce(CommonTestApplication.DEAD_LETTER_TOPIC, "agg-garbage", garbage);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_event WHERE payload = ?", Long.class, garbage) == 1);
        UUID id = jdbc.queryForObject("SELECT letter_id FROM dead_letter_event WHERE payload = ?", UUID.class, garbage);

        long endBefore = endOffset(CommonTestApplication.DEAD_LETTER_TOPIC);
        assertThatThrownBy(() -> letters.replay(id, "ops-admin")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not an event");
        assertThat(letters.get(id).replayedAt()).isNull();
        assertThat(endOffset(CommonTestApplication.DEAD_LETTER_TOPIC)).isEqualTo(endBefore);

        assertThatThrownBy(() -> letters.replay(UUID.randomUUID(), "ops-admin")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> letters.get(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyConsumerHasItsSeriesFromTheStart() {
        meters.refreshNow();
        String scrape = prometheus.scrape();
        assertThat(scrape).containsPattern("oasis_dead_letters\\{[^}]*consumer=\"test-dedupe-consumer\"[^}]*\\} ");
        assertThat(scrape).containsPattern("oasis_dead_letters\\{[^}]*consumer=\"" + CONSUMER + "\"[^}]*\\} ");
    }

    private DeadLetter awaitLetter(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_event WHERE event_id = ?", Long.class, eventId) == 1);
        UUID id = jdbc.queryForObject("SELECT letter_id FROM dead_letter_event WHERE event_id = ?", UUID.class, eventId);
        return letters.get(id);
    }

    private double openLettersMetric() {
        meters.refreshNow();
        return prometheus.find("oasis.dead.letters").tag("consumer", CONSUMER).gauge().value();
    }

    private double openLettersInDatabase() {
        return jdbc.queryForObject("SELECT count(*) FROM dead_letter_event WHERE consumer = ? AND replayed_at IS NULL",
                Long.class, CONSUMER);
    }

    private static long endOffset(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }
}
