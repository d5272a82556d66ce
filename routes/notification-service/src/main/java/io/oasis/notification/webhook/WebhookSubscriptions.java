package io.oasis.notification.webhook;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationAccess;
import io.oasis.notification.delivery.NotificationRepository;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.NotificationView;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions as the API reads and changes them. Admins and integration clients manage them; an
 * integration client sees only its own (anyone else's answers 404, like an id that does not exist), an
 * admin sees all. The signing secret is shown once, in the answer that creates the subscription.
 */
@Service
public class WebhookSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscriptions.class);

    private final WebhookSubscriptionRepository subscriptions;
    private final NotificationRepository notifications;
    private final WebhookTargetGuard guard;
    private final Clock clock;

    public WebhookSubscriptions(WebhookSubscriptionRepository subscriptions, NotificationRepository notifications,
            WebhookTargetGuard guard, Clock clock) {
        this.subscriptions = subscriptions;
        this.notifications = notifications;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Checks the URL's target before anything is written (it may take a DNS lookup).
     *
     * @throws InvalidRequestException naming {@code url} with the reason
     */
    public void checkTarget(WebhookRequest request) {
        try {
            guard.checkTarget(request.url().trim());
        } catch (ForbiddenTargetException e) {
            throw InvalidRequestException.field("url", e.getMessage());
        } catch (UnknownHostException e) {
            throw InvalidRequestException.field("url", "its host does not resolve: " + e.getMessage());
        }
    }

    @Transactional
    public WebhookSubscriptionView create(WebhookRequest request, CurrentUser caller) {
        List<String> eventTypes = request.eventTypes().stream().map(String::trim).distinct().toList();
        String description = request.description() == null || request.description().isBlank() ? null
                : request.description().trim();
        WebhookSubscription subscription = subscriptions.save(new WebhookSubscription(UUID.randomUUID(),
                request.url().trim(), eventTypes, WebhookSignature.newSecret(), description, caller.subject(),
                caller.clientId(), clock.instant()));
        LOG.info("Webhook subscription {} for {} created by {} ({})", subscription.getId(), eventTypes,
                caller.subject(), caller.clientId());
        return WebhookSubscriptionView.withSecret(subscription);
    }

    @Transactional(readOnly = true)
    public PageResponse<WebhookSubscriptionView> list(Pageable page, CurrentUser caller) {
        Page<WebhookSubscription> found = isAdmin(caller) ? subscriptions.findAll(page)
                : subscriptions.findByOwnerSubject(caller.subject(), page);
        return PageResponse.of(found, WebhookSubscriptionView::of);
    }

    @Transactional(readOnly = true)
    public WebhookSubscriptionView get(UUID id, CurrentUser caller) {
        return WebhookSubscriptionView.of(owned(id, caller));
    }

    /**
     * The subscription's deliveries, newest first, optionally only those in one status: what its owner (and an
     * admin) reads to see what reached the endpoint and why an attempt failed. Attempts are in
     * {@code GET /notifications/{id}}.
     */
    @Transactional(readOnly = true)
    public PageResponse<NotificationView> deliveries(UUID id, NotificationStatus status, Pageable page,
            CurrentUser caller) {
        owned(id, caller);
        Page<Notification> found = status == null ? notifications.findBySubscriptionId(id, page)
                : notifications.findBySubscriptionIdAndStatus(id, status, page);
        return PageResponse.of(found, NotificationView::summary);
    }

    /** Deletes the subscription; its deliveries not yet sent fail ("subscription disabled or deleted"). */
    @Transactional
    public void delete(UUID id, CurrentUser caller) {
        WebhookSubscription subscription = owned(id, caller);
        subscriptions.delete(subscription);
        LOG.info("Webhook subscription {} deleted by {}", id, caller.subject());
    }

    /**
     * Sends the subscription's failed and dead deliveries created since {@code since} again, as an admin's
     * retry does: each is due now.
     *
     * @return how many are due again
     */
    @Transactional
    public WebhookSubscriptionView.Replay replay(UUID id, Instant since, CurrentUser caller) {
        WebhookSubscription subscription = owned(id, caller);
        if (subscription.getStatus() != WebhookSubscription.Status.ACTIVE) {
            throw new ConflictException("The subscription is disabled (" + subscription.getDisabledReason()
                    + "); register the endpoint again to receive webhooks.");
        }
        List<Notification> failed = notifications.findBySubscriptionIdAndStatusInAndCreatedAtGreaterThanEqual(id,
                List.of(NotificationStatus.FAILED, NotificationStatus.DEAD), since);
        String by = caller.username() != null ? caller.username() : caller.subject();
        Instant now = clock.instant();
        failed.forEach(notification -> notification.retry(by, now));
        LOG.info("Webhook subscription {}: {} delivery(ies) since {} replayed by {}", id, failed.size(), since,
                caller.subject());
        return new WebhookSubscriptionView.Replay(id, since, failed.size());
    }

    private WebhookSubscription owned(UUID id, CurrentUser caller) {
        WebhookSubscription subscription = subscriptions.findById(id).orElseThrow(() -> notFound(id));
        if (!isAdmin(caller) && !caller.subject().equals(subscription.getOwnerSubject())) {
            throw notFound(id);
        }
        return subscription;
    }

    private static boolean isAdmin(CurrentUser caller) {
        return caller.hasRole(NotificationAccess.ADMIN);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No webhook subscription " + id + ".");
    }
}
