package io.oasis.common.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.oasis.common.metrics.RefreshedGauges;

/**
 * {@code oasis.dead.letters{consumer}}: the dead letters nobody has replayed yet, per consumer route. Every
 * consumer of this service has its series from the start (at 0), so an alert sees the first letter.
 */
public class DeadLetterMeters extends RefreshedGauges {

    private final JdbcTemplate jdbc;
    private final Set<String> consumers = ConcurrentHashMap.newKeySet();
    private final MultiGauge gauge;

    /** @param consumers the route ids of this service's event consumers */
    public DeadLetterMeters(JdbcTemplate jdbc, MeterRegistry meters, Duration interval, List<String> consumers) {
        super("dead-letters", interval);
        this.jdbc = jdbc;
        this.consumers.addAll(consumers);
        this.gauge = MultiGauge.builder("oasis.dead.letters")
                .description("Dead letters not replayed yet, by consumer").register(meters);
        publish(Map.of());
    }

    @Override
    protected void refresh() {
        Map<String, Long> open = new HashMap<>();
        jdbc.query("SELECT consumer, count(*) AS letters FROM dead_letter_event WHERE replayed_at IS NULL "
                + "GROUP BY consumer", rs -> {
                    open.put(rs.getString("consumer"), rs.getLong("letters"));
                });
        // A consumer seen once keeps its series (at 0 once its letters are replayed), so alerts resolve.
        consumers.addAll(open.keySet());
        publish(open);
    }

    private void publish(Map<String, Long> open) {
        gauge.register(consumers.stream().map(consumer -> MultiGauge.Row.of(Tags.of("consumer", consumer),
                open.getOrDefault(consumer, 0L))).toList(), true);
    }
}
