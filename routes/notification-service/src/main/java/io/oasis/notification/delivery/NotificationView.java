package io.oasis.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryAttempt;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notification as the API shows it; {@code attempts} only when one notification is asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(
        UUID id,
        UUID customerId,
        String eventId,
        String eventType,
        Channel channel,
        String recipient,
        UUID subscriptionId,
        String template,
        String locale,
        NotificationStatus status,
        String statusReason,
        int attemptCount,
        Instant nextAttemptAt,
        String providerMessageId,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant sentAt,
        Instant deliveredAt,
        List<AttemptView> attempts) {

    public record AttemptView(int number, String outcome, Instant startedAt, Instant finishedAt,
            Integer providerStatus, String providerMessageId, String error) {

        static AttemptView of(DeliveryAttempt attempt) {
            return new AttemptView(attempt.getNumber(), attempt.getOutcome(), attempt.getStartedAt(),
                    attempt.getFinishedAt(), attempt.getProviderStatus(), attempt.getProviderMessageId(),
                    attempt.getError());
        }
    }

    public static NotificationView summary(Notification n) {
        return of(n, null);
    }

    public static NotificationView withAttempts(Notification n) {
        return of(n, n.getAttempts().stream().map(AttemptView::of).toList());
    }

    private static NotificationView of(Notification n, List<AttemptView> attempts) {
        return new NotificationView(n.getId(), n.getCustomerId(), n.getEventId(), n.getEventType(), n.getChannel(),
                n.getRecipient(), n.getSubscriptionId(), n.getTemplate(), n.getLocale(), n.getStatus(),
                n.getStatusReason(), n.getAttemptCount(), n.getNextAttemptAt(), n.getProviderMessageId(),
                n.getLastError(), n.getCreatedAt(), n.getUpdatedAt(), n.getSentAt(), n.getDeliveredAt(), attempts);
    }
}
