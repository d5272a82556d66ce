package io.oasis.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.connector.ConnectorKit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaPublishConnectorTest {

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("kafka-publish")
            .configure("brokers", Kafka.bootstrapServers())
            .configure("maxBlockMs", "1000");

    private static final Map<String, String> TASK = Map.of("topic", "oasis.test.flagged", "eventType", "OrderFlagged");

    @Test
    void publishesACloudEventKeyedByTheGivenKey() throws IOException {
        Map<String, Object> outputs = kit.call(TASK, Map.of("key", "o-1", "data", "{\"orderId\":\"o-1\",\"score\":7}")).outputs();

        ConsumerRecord<String, String> record = readOne("oasis.test.flagged");
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertThat(record.key()).isEqualTo("o-1");
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("OrderFlagged");
        assertThat(event.path("source").asText()).isEqualTo("/oasis/workflows");
        assertThat(event.path("id").asText()).isEqualTo(outputs.get("eventId"));
        assertThat(event.path("data").path("score").asInt()).isEqualTo(7);
    }

    @Test
    void dataThatIsNotJsonIsTheBpmnErrorInvalidEvent() {
        var error = kit.call(TASK, Map.of("key", "o-1", "data", "not json")).bpmnError();

        assertThat(error.code()).isEqualTo("InvalidEvent");
        assertThat(error.message()).startsWith("The event data is not JSON");
    }

    @Test
    void aBrokerThatCannotBeReachedFailsTheCall() throws IOException {
        kit.configure("brokers", "127.0.0.1:" + closedPort());
        try {
            assertThat(kit.call(TASK, Map.of("key", "o-1", "data", "{}")).failure())
                    .hasMessageContaining("not present in metadata after 1000 ms");
        } finally {
            kit.configure("brokers", Kafka.bootstrapServers());
        }
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCall() throws IOException {
        kit.configure("brokers", "127.0.0.1:" + closedPort());
        kit.configure("maxBlockMs", "5000");
        try {
            assertThat(kit.call(TASK, Map.of("key", "o-1", "data", "{}"), Duration.ofMillis(300)).failure())
                    .hasMessageContaining("no answer within 300 ms");
        } finally {
            kit.configure("brokers", Kafka.bootstrapServers());
            kit.configure("maxBlockMs", "1000");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ConsumerRecord<String, String> readOne(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-publish-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record;
                }
            }
        }
        throw new AssertionError("Nothing was published to " + topic);
    }
}
