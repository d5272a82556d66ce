package io.oasis.notification.timeline;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryAttempt;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message to a person that answered an event, with every attempt, as an order's timeline shows it: what
 * went out on which channel and how each try ended, without the address or the contents.
 */
public record EventMessage(UUID id, String eventId, String eventType, Channel channel, NotificationStatus status,
        String statusReason, Instant createdAt, List<Attempt> attempts) {

    public record Attempt(int number, String outcome, Instant startedAt, Instant finishedAt, Integer providerStatus,
            String error, String traceId, String spanId) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(attempt.getNumber(), attempt.getOutcome(), attempt.getStartedAt(),
                    attempt.getFinishedAt(), attempt.getProviderStatus(), attempt.getError(), attempt.getTraceId(),
                    attempt.getSpanId());
        }
    }

    static EventMessage of(Notification notification) {
        return new EventMessage(notification.getId(), notification.getEventId(), notification.getEventType(),
                notification.getChannel(), notification.getStatus(), notification.getStatusReason(),
                notification.getCreatedAt(), notification.getAttempts().stream().map(Attempt::of).toList());
    }
}
