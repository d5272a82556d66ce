package io.oasis.notification.webhook;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.DeliveryListener;
import io.oasis.notification.delivery.Notification;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a subscription learns from its deliveries (Standard Webhooks): a 410 Gone disables it at once; a run
 * of failures that lasts longer than {@code oasis.notification.webhook.disable-after} disables it too; a
 * success ends the run.
 */
@Component
class WebhookDeliveryListener implements DeliveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryListener.class);

    private final WebhookSubscriptionRepository subscriptions;
    private final TransactionTemplate transactions;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookDeliveryListener(WebhookSubscriptionRepository subscriptions, TransactionTemplate transactions,
            WebhookSettings settings, Clock clock) {
        this.subscriptions = subscriptions;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void sent(Notification notification) {
        update(notification, subscription -> subscription.deliverySucceeded(clock.instant()));
    }

    @Override
    public void failed(Notification notification, DeliveryException failure) {
        update(notification, subscription -> {
            Instant now = clock.instant();
            if (failure.kind() == DeliveryException.Kind.TARGET_GONE) {
                disable(subscription, "the receiver answered 410 Gone (notification " + notification.getId() + ")",
                        now);
                return;
            }
            subscription.deliveryFailed(now);
            Instant since = subscription.getFailingSince();
            if (!since.plus(settings.disableAfter()).isAfter(now)) {
                disable(subscription, "deliveries have failed since " + since + ", for longer than "
                        + settings.disableAfter(), now);
            }
        });
    }

    private void disable(WebhookSubscription subscription, String reason, Instant now) {
        subscription.disable(reason, now);
        LOG.warn("Webhook subscription {} ({}) disabled: {}", subscription.getId(), subscription.getOwnerClient(),
                reason);
    }

    /** Changes an active subscription under a row lock, so that concurrent outcomes do not overwrite each other. */
    private void update(Notification notification, Consumer<WebhookSubscription> change) {
        UUID id = notification.getSubscriptionId();
        if (notification.getChannel() != Channel.WEBHOOK || id == null) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> subscriptions.lockById(id)
                    .filter(subscription -> subscription.getStatus() == WebhookSubscription.Status.ACTIVE)
                    .ifPresent(change));
        } catch (RuntimeException e) {
            // The delivery itself is recorded; only the subscription's health is not updated this time.
            LOG.error("Webhook subscription {} could not be updated after notification {}", id,
                    notification.getId(), e);
        }
    }
}
