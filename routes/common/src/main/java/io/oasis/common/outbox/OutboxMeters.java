package io.oasis.common.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.metrics.RefreshedGauges;

/**
 * The outbox's backlog: {@code oasis.outbox.pending} (rows not yet published) and
 * {@code oasis.outbox.oldest.age} (seconds since the oldest of them was written; 0 when none waits). A growing
 * age means the relay or the broker is stuck: events are late for every consumer.
 */
public class OutboxMeters extends RefreshedGauges {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    public OutboxMeters(JdbcTemplate jdbc, Clock clock, MeterRegistry meters, Duration interval) {
        super("outbox", interval);
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("oasis.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet published to Kafka").register(meters);
        Gauge.builder("oasis.outbox.oldest.age", oldestMillis, millis -> millis.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest outbox event not yet published; 0 when none waits").register(meters);
    }

    @Override
    protected void refresh() {
        jdbc.query("SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox_event WHERE published_at IS NULL",
                rs -> {
                    pending.set(rs.getLong("pending"));
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    oldestMillis.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis()));
                });
    }
}
