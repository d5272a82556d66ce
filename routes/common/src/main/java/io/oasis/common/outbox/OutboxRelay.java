package io.oasis.common.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.tracing.TraceParents;
import io.micrometer.observation.transport.Kind;

/**
 * Publishes pending outbox rows to Kafka, oldest first, as CloudEvents keyed by aggregate id.
 *
 * <p>One call handles one batch in one transaction: the rows are locked ({@code FOR UPDATE}: the relay of
 * another node waits for them rather than skipping ahead, which let a later event of an aggregate overtake
 * an earlier one that the first relay still held), each is sent and the broker's
 * acknowledgement awaited before the row is marked published. The first failure stops the batch
 * (a later event of the same aggregate must not overtake it) and is recorded on the row
 * ({@code attempts}, {@code last_error}); the next poll tries again. A send never blocks longer than the
 * producer's {@code max.block.ms} / {@code delivery.timeout.ms}. Delivery is at least once: consumers
 * drop duplicates by event id.
 */
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactionTemplate;
    private final ProducerTemplate producer;
    private final CloudEventMapper mapper;
    private final String endpointOptions;
    private final int batchSize;
    private final TraceParents traceParents;

    /**
     * @param endpointOptions extra camel-kafka endpoint options for the relay's producer (may be empty);
     *                        the component's settings apply otherwise
     */
    public OutboxRelay(JdbcTemplate jdbcTemplate, TransactionTemplate transactionTemplate, ProducerTemplate producer,
            CloudEventMapper mapper, String endpointOptions, int batchSize, TraceParents traceParents) {
        this.jdbcTemplate = jdbcTemplate;
        this.transactionTemplate = transactionTemplate;
        this.producer = producer;
        this.mapper = mapper;
        this.endpointOptions = endpointOptions == null ? "" : endpointOptions;
        this.batchSize = batchSize;
        this.traceParents = traceParents;
    }

    /** Publishes one batch; returns how many rows went out. */
    public int publishPending() {
        Integer published = transactionTemplate.execute(status -> publishBatch());
        return published == null ? 0 : published;
    }

    private int publishBatch() {
        List<PendingEvent> batch = jdbcTemplate.query("SELECT seq, event_id, topic, aggregate_id, event_type, payload, "
                + "correlation_id, traceparent, created_at FROM outbox_event WHERE published_at IS NULL ORDER BY seq "
                + "FETCH FIRST " + batchSize + " ROWS ONLY FOR UPDATE", OutboxRelay::pending);
        int published = 0;
        for (PendingEvent event : batch) {
            // The event's lines carry the correlation id of the work that wrote it, not the poll's.
            String previous = MDC.get(CorrelationId.MDC_KEY);
            if (event.correlationId() != null) {
                MDC.put(CorrelationId.MDC_KEY, event.correlationId());
            }
            try {
                if (!publish(event)) {
                    break;
                }
            } finally {
                if (previous == null) {
                    MDC.remove(CorrelationId.MDC_KEY);
                } else {
                    MDC.put(CorrelationId.MDC_KEY, previous);
                }
            }
            published++;
        }
        return published;
    }

    /** Sends one event and records the outcome on its row; false if it failed (the batch stops there). */
    private boolean publish(PendingEvent event) {
        Exception failure = send(event);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (failure != null) {
            LOG.warn("Outbox event {} ({} for {}) not published, will retry: {}", event.eventId(), event.type(),
                    event.aggregateId(), failure.toString());
            jdbcTemplate.update("UPDATE outbox_event SET attempts = attempts + 1, last_attempt_at = ?, "
                    + "last_error = ? WHERE seq = ?", now, truncate(failure.toString()), event.seq());
            return false;
        }
        jdbcTemplate.update("UPDATE outbox_event SET attempts = attempts + 1, last_attempt_at = ?, "
                + "published_at = ?, last_error = NULL WHERE seq = ?", now, now, event.seq());
        // One line per event: what went out, where, and for which aggregate.
        LOG.info("Published {} {} for {} to {}", event.type(), event.eventId(), event.aggregateId(), event.topic());
        return true;
    }

    private Exception send(PendingEvent event) {
        String uri = "kafka:" + event.topic() + (endpointOptions.isEmpty() ? "" : "?" + endpointOptions);
        // The publication is a span of the trace that wrote the row; the event carries its context on.
        TraceParents.Step step = traceParents.resume(event.traceparent(), "publish " + event.type(), Kind.PRODUCER,
                Map.of("messaging.destination.name", event.topic(), "oasis.event.type", event.type(),
                        "oasis.event.id", event.eventId().toString()));
        try {
            String value = mapper.serialize(mapper.create(event.eventId(), event.type(), event.aggregateId(),
                    event.payload().getBytes(StandardCharsets.UTF_8), event.createdAt(), event.correlationId(),
                    traceParents.current()));
            Exchange result = producer.send(uri, exchange -> {
                exchange.getMessage().setBody(value);
                exchange.getMessage().setHeader(KafkaConstants.KEY, event.aggregateId());
                exchange.getMessage().setHeader("content-type", CloudEventMapper.STRUCTURED_CONTENT_TYPE);
                if (event.correlationId() != null) {
                    exchange.getMessage().setHeader(CorrelationId.HEADER, event.correlationId());
                }
            });
            if (result.getException() != null) {
                step.error(result.getException());
            }
            return result.getException();
        } catch (RuntimeException e) {
            step.error(e);
            return e;
        } finally {
            step.close();
        }
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static PendingEvent pending(ResultSet rs, int row) throws SQLException {
        return new PendingEvent(rs.getLong("seq"), rs.getObject("event_id", UUID.class), rs.getString("topic"),
                rs.getString("aggregate_id"), rs.getString("event_type"), rs.getString("payload"),
                rs.getString("correlation_id"), rs.getString("traceparent"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private record PendingEvent(long seq, UUID eventId, String topic, String aggregateId, String type, String payload,
            String correlationId, String traceparent, OffsetDateTime createdAt) {
    }
}
