package io.oasis.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

import io.oasis.common.IntegrationTest;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.common.testapp.CommonTestApplication;
import io.oasis.common.testapp.NewSample;
import io.oasis.common.testapp.SampleService;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.KafkaTopics;

class OutboxTest extends IntegrationTest {

    @Autowired
    SampleService samples;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    CloudEventMapper mapper;

    private int outboxRows(String aggregateId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ?", Integer.class, aggregateId);
    }

    @Test
    void writerRefusesToRunWithoutATransaction() {
        assertThatThrownBy(() -> outbox.write("t", "a", "Nothing", Map.of()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void rolledBackChangeLeavesNoRowAndNoEvent() {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class);
        assertThatThrownBy(() -> samples.create(new NewSample("explode-after-write", 1, null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sample WHERE name = 'explode-after-write'", Integer.class))
                .isZero();
    }

    @Test
    void committedChangeIsPublishedAsCloudEventKeyedByAggregate() throws Exception {
        String id = (String) samples.create(new NewSample("published", 4, null)).get("id");
        assertThat(outboxRows(id)).isEqualTo(1);

        List<ConsumerRecord<String, String>> records = KafkaTopics.read(Kafka.bootstrapServers(),
                CommonTestApplication.SAMPLE_TOPIC, Duration.ofSeconds(20),
                read -> read.stream().anyMatch(r -> id.equals(r.key())));
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> id.equals(r.key())).toList();
        assertThat(mine).hasSize(1);
        assertThat(new String(mine.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");

        ReceivedEvent event = mapper.parse(mine.get(0).value());
        assertThat(event.type()).isEqualTo("SampleCreated");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.envelope().getSource().toString()).isEqualTo("/oasis/common-test");
        assertThat(event.envelope().getDataContentType()).isEqualTo("application/json");
        assertThat(event.envelope().getTime()).isNotNull();
        assertThat(UUID.fromString(event.id())).isNotNull();
        assertThat(event.data(Map.class)).containsEntry("name", "published").containsEntry("quantity", 4);

        // The row is marked published once the broker acknowledged it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT published_at IS NOT NULL FROM outbox_event WHERE aggregate_id = ?", Boolean.class, id));
        assertThat(jdbc.queryForObject("SELECT event_id FROM outbox_event WHERE aggregate_id = ?", UUID.class, id)
                .toString()).isEqualTo(event.id());
    }
}
