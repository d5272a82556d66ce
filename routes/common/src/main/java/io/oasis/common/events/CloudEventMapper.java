package io.oasis.common.events;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.extensions.DistributedTracingExtension;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;

/**
 * The one event envelope of Oasis: CloudEvents 1.0 in structured JSON mode.
 * <ul>
 * <li>{@code type}: the past-tense event name, e.g. {@code OrderPlaced}</li>
 * <li>{@code source}: {@code /oasis/<service>}</li>
 * <li>{@code subject}: the aggregate id, which is also the Kafka record key (per-aggregate order)</li>
 * <li>{@code id}: a random UUID, so consumers can drop duplicates</li>
 * <li>{@code correlationid} extension: the correlation id of the work that raised the event</li>
 * <li>{@code traceparent} (the distributed-tracing extension): the W3C trace context of its publication,
 * when tracing is on, so a consumer's spans join the trace of the request that raised it</li>
 * </ul>
 * Services rarely call this directly: they write to the outbox and the relay wraps each row.
 */
public class CloudEventMapper {

    /** CloudEvents extension names are lower-case letters and digits only. */
    public static final String CORRELATION_EXTENSION = "correlationid";
    /** The distributed-tracing extension's W3C trace context. */
    public static final String TRACEPARENT_EXTENSION = DistributedTracingExtension.TRACEPARENT;
    /** The Kafka {@code content-type} header value for structured mode. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final ObjectMapper objectMapper;
    private final URI source;
    /**
     * The service's mapper with the CloudEvents module, rather than the format's own mapper: an event's data is
     * then read with the service's settings, so an amount of 25.00 stays an exact 25.00 (not a double's 25.0).
     */
    private final ObjectMapper eventJson;

    public CloudEventMapper(ObjectMapper objectMapper, String serviceName) {
        this.objectMapper = objectMapper;
        this.eventJson = objectMapper.copy().registerModule(JsonFormat.getCloudEventJacksonModule());
        this.source = URI.create("/oasis/" + serviceName);
    }

    /** A new event with a fresh id and the current time. */
    public CloudEvent create(String type, String aggregateId, Object data, String correlationId) {
        try {
            return create(UUID.randomUUID(), type, aggregateId, objectMapper.writeValueAsBytes(data),
                    OffsetDateTime.now(ZoneOffset.UTC), correlationId);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of " + type + " cannot be written as JSON", e);
        }
    }

    /** An event from already-serialized JSON data (as the outbox stores it). */
    public CloudEvent create(UUID id, String type, String aggregateId, byte[] jsonData, OffsetDateTime time,
            String correlationId) {
        return create(id, type, aggregateId, jsonData, time, correlationId, null);
    }

    /** The same, with the trace context to carry in the distributed-tracing extension (may be null). */
    public CloudEvent create(UUID id, String type, String aggregateId, byte[] jsonData, OffsetDateTime time,
            String correlationId, String traceparent) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id.toString())
                .withType(type)
                .withSource(source)
                .withSubject(aggregateId)
                .withTime(time)
                .withDataContentType("application/json")
                .withData(jsonData);
        if (correlationId != null) {
            builder.withExtension(CORRELATION_EXTENSION, correlationId);
        }
        if (traceparent != null) {
            builder.withExtension(TRACEPARENT_EXTENSION, traceparent);
        }
        return builder.build();
    }

    /** The structured-mode JSON text of an event (the Kafka record value). */
    public String serialize(CloudEvent event) {
        try {
            return eventJson.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("CloudEvent " + event.getId() + " cannot be written as JSON", e);
        }
    }

    /** Reads a structured-mode record value back; fails with {@link InvalidEventException} if it is not one. */
    public ReceivedEvent parse(byte[] value) {
        try {
            CloudEvent event = eventJson.readValue(value, CloudEvent.class);
            if (event == null) {
                throw new InvalidEventException("Not a CloudEvents 1.0 JSON event: the record is empty");
            }
            if (event.getData() == null) {
                throw new InvalidEventException("CloudEvent " + event.getId() + " has no data");
            }
            Object correlationId = event.getExtension(CORRELATION_EXTENSION);
            return new ReceivedEvent(event, correlationId == null ? null : correlationId.toString(), objectMapper);
        } catch (IOException | EventDeserializationException | IllegalStateException | IllegalArgumentException e) {
            throw new InvalidEventException("Not a CloudEvents 1.0 JSON event: " + e.getMessage(), e);
        }
    }

    public ReceivedEvent parse(String value) {
        return parse(value.getBytes(StandardCharsets.UTF_8));
    }
}
