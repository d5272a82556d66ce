package io.oasis.common.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.tracing.TraceParents;

/**
 * Records an event in the {@code outbox_event} table inside the caller's transaction, so the event
 * exists if and only if the business change commits. Calling it without a transaction fails
 * ({@link Propagation#MANDATORY}). The relay publishes the row later as a CloudEvent, in the trace of the
 * work that wrote it (the row keeps its correlation id and traceparent).
 * <pre>{@code
 * @Transactional
 * public Order place(NewOrder request) {
 *     Order order = orders.save(Order.from(request));
 *     outbox.write(topic, order.id().toString(), "OrderPlaced", OrderPlaced.of(order));
 *     return order;
 * }
 * }</pre>
 */
public class OutboxWriter {

    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper objectMapper;
    private final TraceParents traceParents;

    public OutboxWriter(JdbcTemplate jdbcTemplate, ObjectMapper objectMapper, TraceParents traceParents) {
        this.jdbcTemplate = jdbcTemplate;
        this.objectMapper = objectMapper;
        this.traceParents = traceParents;
    }

    /**
     * @param topic       the Kafka topic
     * @param aggregateId the id of the changed aggregate: record key and CloudEvents subject
     * @param eventType   the past-tense event name, e.g. {@code OrderPlaced}
     * @param data        the event data, written as JSON
     * @return the event id (CloudEvents {@code id})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID write(String topic, String aggregateId, String eventType, Object data) {
        UUID eventId = UUID.randomUUID();
        String payload;
        try {
            payload = objectMapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of " + eventType + " cannot be written as JSON", e);
        }
        jdbcTemplate.update("INSERT INTO outbox_event (event_id, topic, aggregate_id, event_type, payload, "
                + "correlation_id, traceparent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                eventId, topic, aggregateId, eventType, payload, CorrelationId.current(), traceParents.current(),
                OffsetDateTime.now(ZoneOffset.UTC));
        return eventId;
    }
}
