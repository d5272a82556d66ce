package io.oasis.notification.timeline;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryAttempt;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message that answered an event, with every attempt, as an order's timeline shows it: what went out on which
 * channel and how each try ended, without the address or the contents. For a webhook delivery (a partner's, not
 * the customer's) also without the provider's error texts and the status reason, which may name the partner's
 * URL: its outcome, provider status and trace are what the order's story needs.
 */
public record EventMessage(UUID id, String eventId, String eventType, Channel channel, NotificationStatus status,
        String statusReason, Instant createdAt, List<Attempt> attempts) {

    public record Attempt(int number, String outcome, Instant startedAt, Instant finishedAt, Integer providerStatus,
            String error, String traceId, String spanId) {

        static Attempt of(DeliveryAttempt attempt, boolean partners) {
            return new Attempt(attempt.getNumber(), attempt.getOutcome(), attempt.getStartedAt(),
                    attempt.getFinishedAt(), attempt.getProviderStatus(), partners ? null : attempt.getError(),
                    attempt.getTraceId(), attempt.getSpanId());
        }
    }

    static EventMessage of(Notification notification) {
        boolean partners = notification.getChannel() == Channel.WEBHOOK;
        return new EventMessage(notification.getId(), notification.getEventId(), notification.getEventType(),
                notification.getChannel(), notification.getStatus(), partners ? null : notification.getStatusReason(),
                notification.getCreatedAt(),
                notification.getAttempts().stream().map(attempt -> Attempt.of(attempt, partners)).toList());
    }
}
