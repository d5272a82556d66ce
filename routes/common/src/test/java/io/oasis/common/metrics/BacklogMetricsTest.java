package io.oasis.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.oasis.common.IntegrationTest;
import io.oasis.common.outbox.OutboxMeters;
import io.oasis.common.outbox.OutboxRelayRoute;
import io.oasis.common.testapp.CommonTestApplication;

/** What an operator reads at /actuator/prometheus: the outbox's backlog and the consumers' lag per group. */
class BacklogMetricsTest extends IntegrationTest {

    @Autowired
    OutboxMeters outbox;
    @Autowired
    PrometheusMeterRegistry prometheus;
    @Autowired
    CamelContext camel;

    @Test
    void aStuckOutboxShowsItsBacklogAndTheAgeOfItsOldestEvent() throws Exception {
        camel.getRouteController().stopRoute(OutboxRelayRoute.ROUTE_ID);
        try {
            jdbc.update("INSERT INTO outbox_event (event_id, topic, aggregate_id, event_type, payload, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", UUID.randomUUID(), CommonTestApplication.SAMPLE_TOPIC, "agg-late",
                    "SampleCounted", "{}", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10));
            outbox.refreshNow();
            assertThat(gauge("oasis.outbox.pending")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("oasis.outbox.oldest.age")).isBetween(600.0, 700.0);
            assertThat(prometheus.scrape()).containsPattern("(?m)^oasis_outbox_oldest_age_seconds(\\{[^}]*\\})? 6\\d\\d");
        } finally {
            camel.getRouteController().startRoute(OutboxRelayRoute.ROUTE_ID);
        }
        // Once the relay is back, the backlog drains and nothing is old any more.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            outbox.refreshNow();
            return gauge("oasis.outbox.pending") == 0 && gauge("oasis.outbox.oldest.age") == 0;
        });
    }

    @Test
    void consumerLagIsScrapedPerGroup() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus.scrape())
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*group=\"common-test\""));
    }

    private double gauge(String name) {
        return prometheus.find(name).gauge().value();
    }
}
