package io.oasis.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.oasis.common.IntegrationTest;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.tracing.TraceParents;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.KafkaTopics;

/**
 * The broker is down while events are written; the relay fails and records it; the broker comes
 * up on that address and every event is published exactly once.
 */
class OutboxBrokerOutageTest extends IntegrationTest {

    private static final String TOPIC = "test.outage";

    @Autowired
    CamelContext camel;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    CloudEventMapper mapper;
    @Autowired
    PlatformTransactionManager transactionManager;

    private EmbeddedKafkaKraftBroker lateBroker;

    @AfterEach
    void restore() throws Exception {
        camel.getRouteController().startRoute(OutboxRelayRoute.ROUTE_ID);
        if (lateBroker != null) {
            lateBroker.destroy();
        }
    }

    @Autowired
    TraceParents traceParents;

    @Test
    void rowsWrittenWhileTheBrokerIsDownArePublishedExactlyOnceWhenItReturns() throws Exception {
        // This test's relay is the only one publishing: the shared one would send the rows to the main broker.
        // Let it finish what other tests left pending first, so only this test's rows are in play.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL", Integer.class) == 0);
        camel.getRouteController().stopRoute(OutboxRelayRoute.ROUTE_ID);
        int port = Kafka.freePort();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        OutboxRelay relay = new OutboxRelay(jdbc, tx, camel.createProducerTemplate(), mapper,
                "brokers=127.0.0.1:" + port, 100, traceParents);

        List<String> aggregates = List.of("agg-1", "agg-2", "agg-3");
        Set<String> written = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            String aggregate = aggregates.get(i % aggregates.size());
            int n = i;
            written.add(tx.execute(s -> outbox.write(TOPIC, aggregate, "SampleCounted", Map.of("n", n))).toString());
        }

        assertThat(relay.publishPending()).isZero();
        assertThat(relay.publishPending()).isZero();
        Map<String, Object> first = jdbc.queryForMap("SELECT attempts, last_error, published_at FROM outbox_event "
                + "WHERE topic = ? ORDER BY seq FETCH FIRST 1 ROWS ONLY", TOPIC);
        assertThat(first.get("attempts")).isEqualTo(2);
        assertThat((String) first.get("last_error")).isNotBlank();
        assertThat(first.get("published_at")).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE topic = ? AND published_at IS NULL",
                Integer.class, TOPIC)).isEqualTo(12);

        // Without creating the topic: the relay's producer keeps asking for it, may reach the new broker first and
        // has it created (one partition), and a second creation failed the test with TopicExistsException.
        lateBroker = Kafka.startBroker(port);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.publishPending();
            return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE topic = ? AND published_at IS NULL",
                    Integer.class, TOPIC) == 0;
        });

        List<ConsumerRecord<String, String>> records = KafkaTopics.read(lateBroker.getBrokersAsString(), TOPIC,
                Duration.ofSeconds(20), read -> read.size() >= written.size());
        // Give a duplicate the chance to show up before counting.
        records = KafkaTopics.read(lateBroker.getBrokersAsString(), TOPIC, Duration.ofSeconds(2), read -> false);
        Map<String, Long> perEventId = records.stream()
                .collect(Collectors.groupingBy(r -> mapper.parse(r.value()).id(), Collectors.counting()));
        assertThat(perEventId.keySet()).isEqualTo(written);
        assertThat(perEventId.values()).allMatch(count -> count == 1);
        // Per-aggregate order holds: each key's events arrive in the order they were written.
        Map<String, List<Integer>> perKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> (Integer) mapper.parse(r.value()).data(Map.class).get("n"), Collectors.toList())));
        perKey.values().forEach(ns -> assertThat(ns).isSorted());
        assertThat(perKey.keySet()).containsExactlyInAnyOrderElementsOf(aggregates.stream().map(Function.identity()).toList());
    }
}
