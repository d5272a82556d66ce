package io.oasis.common.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.oasis.common.IntegrationTest;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.common.testapp.CommonTestApplication;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.KafkaTopics;

class CorrelationIdTest extends IntegrationTest {

    @Autowired
    CloudEventMapper mapper;

    @Test
    void givenIdIsEchoed() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/samples/fail").header("X-Correlation-Id", "abc-123"));
        assertThat(response.headers().allValues("X-Correlation-Id")).containsExactly("abc-123");
    }

    @Test
    void missingIdIsCreatedAndTraceparentIsUsed() throws Exception {
        HttpResponse<String> created = send(request("/no/such/path"));
        assertThat(created.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f-]{36}"));
        HttpResponse<String> traced = send(request("/no/such/path")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(traced.headers().firstValue("X-Correlation-Id")).hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
        HttpResponse<String> unsafe = send(request("/no/such/path").header("X-Correlation-Id", "bad id\twith spaces"));
        assertThat(unsafe.headers().firstValue("X-Correlation-Id").orElseThrow()).isNotEqualTo("bad id\twith spaces");
    }

    @Test
    void onlyShortPlainTokensAreTakenFromTheCaller() {
        String longest = "a".repeat(64);
        assertThat(CorrelationId.resolve(longest, null)).isEqualTo(longest);
        assertThat(CorrelationId.resolve("  order-42:retry_1.b  ", null)).isEqualTo("order-42:retry_1.b");
        for (String unsafe : List.of("", "   ", "a".repeat(65), "abc\r\nX-Injected: 1", "a b", "<script>", "caf\u00e9",
                "a/b", "a%20b")) {
            assertThat(CorrelationId.resolve(unsafe, null)).as(unsafe).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void newIdsAreDistinctRandomUuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = CorrelationId.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void idTravelsIntoTheEventOnKafka() throws Exception {
        String correlationId = "corr-" + System.nanoTime();
        HttpResponse<String> response = send(request("/api/v1/samples").header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId)
                .POST(BodyPublishers.ofString("{\"name\":\"traced\",\"quantity\":3}")));
        assertThat(response.statusCode()).isEqualTo(201);
        String id = (String) fields(response).get("id");

        List<ConsumerRecord<String, String>> records = KafkaTopics.read(Kafka.bootstrapServers(),
                CommonTestApplication.SAMPLE_TOPIC, Duration.ofSeconds(20),
                read -> read.stream().anyMatch(r -> id.equals(r.key())));
        ConsumerRecord<String, String> record = records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(record.headers().lastHeader("X-Correlation-Id").value(), StandardCharsets.UTF_8))
                .isEqualTo(correlationId);
        ReceivedEvent event = mapper.parse(record.value());
        assertThat(event.correlationId()).isEqualTo(correlationId);
    }
}
