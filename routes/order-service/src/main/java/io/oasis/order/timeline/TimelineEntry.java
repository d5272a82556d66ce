package io.oasis.order.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One thing that happened to an order, at one time. Which fields are set depends on the kind; every entry
 * carries the trace and span it happened in, where the writer recorded them (null otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(
        Instant at,
        Kind kind,
        // STATUS_CHANGED
        String from,
        String to,
        String reason,
        String actor,
        // ACTIVITY_STARTED, ACTIVITY_ENDED, INCIDENT_OPENED, INCIDENT_RESOLVED
        String activityId,
        String activityName,
        String activityType,
        String processKey,
        Integer processVersion,
        Boolean canceled,
        String message,
        // EVENT_PUBLISHED, EVENT_PENDING, NOTIFICATION, DELIVERY_ATTEMPT
        String eventId,
        String eventType,
        Instant publishedAt,
        String notificationId,
        String channel,
        String status,
        Integer attempt,
        String outcome,
        Integer providerStatus,
        String error,
        // Always written, null where no trace was recorded, so a reader sees the field is known to be empty.
        @JsonInclude(JsonInclude.Include.ALWAYS) String traceId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String spanId) {

    public enum Kind {
        /** The order's status changed (or a step was noted without a change). */
        STATUS_CHANGED,
        /** The process entered a BPMN activity (task, event, gateway). */
        ACTIVITY_STARTED,
        /** The process left a BPMN activity, or cancelled it. */
        ACTIVITY_ENDED,
        /** An event written for Kafka and published there. */
        EVENT_PUBLISHED,
        /** An event written for Kafka that the relay has not published yet. */
        EVENT_PENDING,
        /** A message to the customer (e-mail, SMS, push) planned for one of the order's events. */
        NOTIFICATION,
        /** One try at sending such a message, or the provider's report about it, with its outcome. */
        DELIVERY_ATTEMPT,
        /** A process step failed and spent its retries (staff only). */
        INCIDENT_OPENED,
        /** Such an incident was resolved (staff only; kept when the engine's history level is full). */
        INCIDENT_RESOLVED
    }

    static TimelineEntry statusChanged(Instant at, String from, String to, String reason, String actor, String traceId,
            String spanId) {
        return new TimelineEntry(at, Kind.STATUS_CHANGED, from, to, reason, actor, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, traceId, spanId);
    }

    static TimelineEntry activity(Instant at, Kind kind, String activityId, String activityName, String activityType,
            String processKey, Integer processVersion, Boolean canceled) {
        return new TimelineEntry(at, kind, null, null, null, null, activityId, activityName, activityType, processKey,
                processVersion, canceled, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static TimelineEntry incident(Instant at, Kind kind, String activityId, String processKey, Integer processVersion,
            String message) {
        return new TimelineEntry(at, kind, null, null, null, null, activityId, null, null, processKey, processVersion,
                null, message, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static TimelineEntry event(Instant at, Kind kind, String eventId, String eventType, Instant publishedAt,
            String traceId, String spanId) {
        return new TimelineEntry(at, kind, null, null, null, null, null, null, null, null, null, null, null, eventId,
                eventType, publishedAt, null, null, null, null, null, null, null, traceId, spanId);
    }

    static TimelineEntry notification(Instant at, String eventId, String eventType, String notificationId,
            String channel, String status, String reason) {
        return new TimelineEntry(at, Kind.NOTIFICATION, null, null, reason, null, null, null, null, null, null, null,
                null, eventId, eventType, null, notificationId, channel, status, null, null, null, null, null, null);
    }

    static TimelineEntry deliveryAttempt(Instant at, String eventType, String notificationId, String channel,
            int attempt, String outcome, Integer providerStatus, String error, String traceId, String spanId) {
        return new TimelineEntry(at, Kind.DELIVERY_ATTEMPT, null, null, null, null, null, null, null, null, null, null,
                null, null, eventType, null, notificationId, channel, null, attempt, outcome, providerStatus, error,
                traceId, spanId);
    }
}
