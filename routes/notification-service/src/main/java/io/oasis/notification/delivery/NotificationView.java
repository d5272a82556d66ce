package io.oasis.notification.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.common.error.InvalidRequestException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    /**
     * A list's filter on one of the fields above that names a constant ({@code status}, {@code channel}), in any
     * case; null when absent; a 400 naming the choices otherwise.
     */
    public static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
