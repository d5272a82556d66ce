package io.oasis.notification.webhook;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationAccess;
import io.oasis.notification.delivery.NotificationRepository;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.NotificationView;
import io.oasis.notification.delivery.OutgoingMessage;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
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

    /** The longest overlap of a rotation: a week, for receivers deployed weekly. */
    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final String PING = "WebhookPing";
    static final String TEST = "WebhookTest";

    private final WebhookSubscriptionRepository subscriptions;
    private final NotificationRepository notifications;
    private final WebhookTargetGuard guard;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookSubscriptions(WebhookSubscriptionRepository subscriptions, NotificationRepository notifications,
            WebhookTargetGuard guard, ProducerTemplate producer, ObjectMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.notifications = notifications;
        this.guard = guard;
        this.producer = producer;
        this.json = json;
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
                    + "); enable it first (POST " + WebhookEndpoints.BASE + "/" + id + "/enable).");
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

    /**
     * Enables a disabled subscription again once its endpoint accepts a signed ping ({@code WebhookPing}, sent
     * now, with the subscription's secrets); an active one is answered as it is.
     *
     * @throws ConflictException if the endpoint does not accept the ping: the subscription stays disabled
     */
    public WebhookSubscriptionView enable(UUID id, CurrentUser caller) {
        WebhookSubscription subscription = owned(id, caller);
        if (subscription.getStatus() == WebhookSubscription.Status.ACTIVE) {
            return WebhookSubscriptionView.of(subscription);
        }
        UUID pingId = UUID.randomUUID();
        OutgoingMessage ping = new OutgoingMessage(pingId, Channel.WEBHOOK, 1, subscription.getUrl(), null, null, null,
                payload(PING, pingId, Map.of("subscriptionId", id.toString())), PING, id);
        Exchange answer = producer.send(Channel.WEBHOOK.endpoint(), exchange -> {
            exchange.getMessage().setBody(ping);
            exchange.setProperty(WebhookSender.PING, true);
        });
        if (answer.getException() != null) {
            throw new ConflictException("The endpoint did not accept a ping (" + answer.getException().getMessage()
                    + "); the subscription stays disabled. Fix the endpoint, then enable it again.");
        }
        subscription.enable(clock.instant());
        WebhookSubscription enabled = subscriptions.save(subscription);
        LOG.info("Webhook subscription {} enabled again by {} after its endpoint accepted ping {}", id,
                caller.subject(), pingId);
        return WebhookSubscriptionView.of(enabled);
    }

    /**
     * A new signing secret, in this answer only. Until {@code overlap} has passed, deliveries carry a signature
     * made with the new secret and one made with the old, so the receiver switches whenever it is ready.
     */
    @Transactional
    public WebhookSubscriptionView rotateSecret(UUID id, Duration overlap, CurrentUser caller) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw InvalidRequestException.field("overlapHours", "must be from 0 to " + MAX_OVERLAP.toHours());
        }
        WebhookSubscription subscription = owned(id, caller);
        Instant now = clock.instant();
        subscription.rotateSecret(WebhookSignature.newSecret(), now.plus(overlap), now);
        LOG.info("Webhook subscription {}: secret rotated by {}, the previous one signs too until {}", id,
                caller.subject(), subscription.getPreviousSecretExpiresAt());
        return WebhookSubscriptionView.withSecret(subscription);
    }

    /**
     * Queues a {@code WebhookTest} event for the subscription's endpoint, delivered, retried and logged like any
     * other (follow it with {@code GET /api/v1/notifications/{notificationId}}).
     *
     * @throws ConflictException if the subscription is disabled
     */
    @Transactional
    public WebhookSubscriptionView.TestEvent sendTestEvent(UUID id, CurrentUser caller) {
        WebhookSubscription subscription = owned(id, caller);
        if (subscription.getStatus() != WebhookSubscription.Status.ACTIVE) {
            throw new ConflictException("The subscription is disabled (" + subscription.getDisabledReason()
                    + "); enable it first (POST " + WebhookEndpoints.BASE + "/" + id + "/enable).");
        }
        Instant now = clock.instant();
        UUID eventId = UUID.randomUUID();
        Notification test = new Notification(UUID.randomUUID(), Channel.WEBHOOK, TEST, eventId.toString(), null,
                "subscription:" + id, subscription.getUrl(), now, now);
        test.setSubscriptionId(id);
        test.setPayload(payload(TEST, eventId, Map.of("subscriptionId", id.toString(),
                "requestedBy", caller.clientId() != null ? caller.clientId() : caller.subject())));
        notifications.save(test);
        LOG.info("Webhook subscription {}: test event {} queued by {}", id, test.getId(), caller.subject());
        return new WebhookSubscriptionView.TestEvent(id, test.getId(), TEST);
    }

    /** A body shaped like every webhook's: type, timestamp, event id and data. */
    private String payload(String type, UUID eventId, Map<String, String> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", clock.instant().toString());
        body.put("eventId", eventId.toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
