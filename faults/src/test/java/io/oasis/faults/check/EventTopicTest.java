package io.oasis.faults.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.faults.check.Observations.PublishedEvent;
import io.oasis.testsupport.Kafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The checker reads a topic from its beginning to its end on a real (embedded KRaft) broker. */
class EventTopicTest {

    @Test
    void readsEveryRecordFromTheBeginningWithItsIdTypeAndAggregate() throws Exception {
        String bootstrap = Kafka.bootstrapServers();
        String topic = "faults.test." + System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "order-1", event("e-1", "OrderPlaced"))).get();
            producer.send(new ProducerRecord<>(topic, "order-1", event("e-2", "OrderPaid"))).get();
            // The relay published this one twice (at least once): the consumer drops the copy by its id.
            producer.send(new ProducerRecord<>(topic, "order-1", event("e-2", "OrderPaid"))).get();
            producer.send(new ProducerRecord<>(topic, "order-2", "not a cloud event")).get();
        }

        List<PublishedEvent> events = new EventTopic(bootstrap, topic).readAll(Duration.ofSeconds(60));

        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 3)).containsExactly(new PublishedEvent("e-1", "order-1", "OrderPlaced"),
                new PublishedEvent("e-2", "order-1", "OrderPaid"), new PublishedEvent("e-2", "order-1", "OrderPaid"));
        assertThat(events.get(3).type()).isEqualTo("unreadable");
    }

    private static String event(String id, String type) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/order-service\",\"type\":\"" + type
                + "\",\"datacontenttype\":\"application/json\",\"data\":{}}";
    }
}
