package io.oasis.common.events;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;

/**
 * A CloudEvent read from Kafka: the envelope (id, type, source, subject, time, correlation id)
 * and its JSON data, which {@link #data(Class)} maps to the consumer's own type.
 */
public record ReceivedEvent(CloudEvent envelope, String correlationId, ObjectMapper objectMapper) {

    public String id() {
        return envelope.getId();
    }

    public String type() {
        return envelope.getType();
    }

    /** The aggregate id (CloudEvents {@code subject}). */
    public String subject() {
        return envelope.getSubject();
    }

    /** The W3C trace context of its publication (distributed-tracing extension), or null. */
    public String traceparent() {
        Object traceparent = envelope.getExtension(CloudEventMapper.TRACEPARENT_EXTENSION);
        return traceparent == null ? null : traceparent.toString();
    }

    public <T> T data(Class<T> type) {
        try {
            return objectMapper.readValue(envelope.getData().toBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Event " + id() + " has data that is not a " + type.getSimpleName(), e);
        }
    }
}
