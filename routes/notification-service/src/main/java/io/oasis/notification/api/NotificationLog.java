package io.oasis.notification.api;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.contact.CustomerContactRepository;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationAccess;
import io.oasis.notification.delivery.NotificationRepository;
import io.oasis.notification.delivery.NotificationView;
import io.oasis.notification.planning.DirectMessages;
import io.oasis.notification.planning.DirectSend;
import io.oasis.notification.webhook.WebhookSubscriptionRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery log as the API reads and changes it, with the access rules of {@link NotificationAccess}. */
@Service
public class NotificationLog {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationLog.class);

    private final NotificationRepository notifications;
    private final CustomerContactRepository contacts;
    private final WebhookSubscriptionRepository subscriptions;
    private final DirectMessages directMessages;
    private final Clock clock;

    public NotificationLog(NotificationRepository notifications, CustomerContactRepository contacts,
            WebhookSubscriptionRepository subscriptions, DirectMessages directMessages, Clock clock) {
        this.notifications = notifications;
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.directMessages = directMessages;
        this.clock = clock;
    }

    /**
     * The part of the log the caller may see: an admin all of it; a support agent every customer's e-mail, SMS
     * and push messages; a customer their own. Webhook deliveries are left out for all but admins (their
     * subscription's owner lists them under the subscription), even when asked for with {@code channel=webhook}.
     */
    @Transactional(readOnly = true)
    public PageResponse<NotificationView> list(NotificationFilter filter, Pageable page, CurrentUser caller) {
        UUID onlyCustomer = null;
        if (!NotificationAccess.isStaff(caller)) {
            Optional<UUID> own = contacts.findFirstBySubject(caller.subject()).map(CustomerContact::getCustomerId);
            if (filter.customerId() != null && !filter.customerId().equals(own.orElse(null))) {
                throw new NotFoundException("No customer " + filter.customerId() + ".");
            }
            if (own.isEmpty()) {
                return new PageResponse<>(List.of(), page.getPageNumber(), page.getPageSize(), 0, 0);
            }
            onlyCustomer = own.get();
        }
        Page<Notification> found = notifications.findAll(
                filter.toSpecification(onlyCustomer, !NotificationAccess.seesEverything(caller)), page);
        return PageResponse.of(found, NotificationView::summary);
    }

    @Transactional(readOnly = true)
    public NotificationView get(UUID id, CurrentUser caller) {
        return NotificationView.withAttempts(readable(id, caller));
    }

    @Transactional
    public NotificationView retry(UUID id, CurrentUser caller) {
        Notification notification = notifications.findById(id).orElseThrow(() -> NotificationAccess.notFound(id));
        if (!notification.getStatus().retryable()) {
            throw new ConflictException("The notification is " + notification.getStatus()
                    + "; only failed or dead notifications are retried.");
        }
        if (notification.isOneTime()) {
            throw new ConflictException("The notification carried a one-time code, which is not kept once it failed; "
                    + "the customer asks for a new code instead.");
        }
        notification.retry(caller.username() != null ? caller.username() : caller.subject(), clock.instant());
        LOG.info("{} notification {} retried by {}", notification.getChannel(), id, caller.subject());
        return NotificationView.withAttempts(notification);
    }

    @Transactional
    public NotificationView send(DirectSend request, CurrentUser caller) {
        Notification notification = directMessages.plan(request, caller);
        return NotificationView.withAttempts(notifications.save(notification));
    }

    /** The notification if the caller may see it (see {@link NotificationAccess}); otherwise a 404. */
    private Notification readable(UUID id, CurrentUser caller) {
        Notification notification = notifications.findById(id).orElseThrow(() -> NotificationAccess.notFound(id));
        if (NotificationAccess.seesEverything(caller)) {
            return notification;
        }
        boolean visible = NotificationAccess.PERSONAL_CHANNELS.contains(notification.getChannel())
                ? caller.hasRole(NotificationAccess.SUPPORT_AGENT) || isOwnMessage(notification, caller)
                : ownsSubscription(notification, caller);
        if (!visible) {
            throw NotificationAccess.notFound(id);
        }
        return notification;
    }

    private boolean isOwnMessage(Notification notification, CurrentUser caller) {
        return notification.getCustomerId() != null && caller.hasRole(NotificationAccess.CUSTOMER)
                && contacts.findById(notification.getCustomerId())
                        .map(contact -> caller.subject().equals(contact.getSubject())).orElse(false);
    }

    /** A webhook delivery of a subscription the caller created (once the subscription is deleted, admins only). */
    private boolean ownsSubscription(Notification notification, CurrentUser caller) {
        return notification.getSubscriptionId() != null && caller.hasRole(NotificationAccess.INTEGRATION)
                && subscriptions.findById(notification.getSubscriptionId())
                        .map(subscription -> caller.subject().equals(subscription.getOwnerSubject())).orElse(false);
    }
}
