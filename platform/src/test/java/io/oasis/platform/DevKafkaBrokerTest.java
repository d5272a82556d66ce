package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's broker keeps its log in the data folder: an event sent before a stop and not yet
 * consumed is consumed after the restart, and one consumed before is not handed out again.
 */
class DevKafkaBrokerTest {

    private static final String TOPIC = "oasis.order.events";

    @TempDir
    Path data;

    @Test
    void eventsAndConsumerPositionsSurviveARestart() throws Exception {
        int port = freePort();
        try (DevKafkaBroker broker = DevKafkaBroker.start(data.resolve("kafka"), port)) {
            send(broker, "order-1", "OrderPlaced 1");
            assertThat(consume(broker, "notification-service", 1)).containsExactly("OrderPlaced 1");
            send(broker, "order-2", "OrderPlaced 2");
        }

        try (DevKafkaBroker broker = DevKafkaBroker.start(data.resolve("kafka"), port)) {
            assertThat(consume(broker, "notification-service", 1)).as("the event sent but not consumed before the stop")
                    .containsExactly("OrderPlaced 2");
            assertThat(consume(broker, "a-new-group", 2)).containsExactly("OrderPlaced 1", "OrderPlaced 2");
        }
    }

    private static void send(DevKafkaBroker broker, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    /** The values a consumer of the group receives until it has the expected count (or a minute passed), committed. */
    private static List<String> consume(DevKafkaBroker broker, String group, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // Nothing more than expected is waiting.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> values.add(record.value()));
            consumer.commitSync();
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
