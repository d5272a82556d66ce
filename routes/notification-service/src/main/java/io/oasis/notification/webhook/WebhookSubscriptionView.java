package io.oasis.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it; {@code secret} only in the answer that created it or rotated it, and
 * {@code previousSecretExpiresAt} while deliveries are still signed with the secret a rotation replaced.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookSubscriptionView(
        UUID id,
        String url,
        List<String> eventTypes,
        String description,
        WebhookSubscription.Status status,
        String disabledReason,
        Instant failingSince,
        String ownerClient,
        Instant createdAt,
        Instant updatedAt,
        Instant previousSecretExpiresAt,
        String secret) {

    static WebhookSubscriptionView of(WebhookSubscription s) {
        return new WebhookSubscriptionView(s.getId(), s.getUrl(), s.eventTypeList(), s.getDescription(),
                s.getStatus(), s.getDisabledReason(), s.getFailingSince(), s.getOwnerClient(), s.getCreatedAt(),
                s.getUpdatedAt(), s.getPreviousSecretExpiresAt(), null);
    }

    static WebhookSubscriptionView withSecret(WebhookSubscription s) {
        WebhookSubscriptionView view = of(s);
        return new WebhookSubscriptionView(view.id(), view.url(), view.eventTypes(), view.description(),
                view.status(), view.disabledReason(), view.failingSince(), view.ownerClient(), view.createdAt(),
                view.updatedAt(), view.previousSecretExpiresAt(), s.getSecret());
    }

    /** The answer of a test event's request: the delivery to follow in the log. */
    public record TestEvent(UUID subscriptionId, UUID notificationId, String eventType) {
    }

    /** The answer of a replay: how many failed or dead deliveries since {@code since} are due again. */
    public record Replay(UUID subscriptionId, Instant since, int replayed) {
    }
}
