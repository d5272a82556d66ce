package io.oasis.notification.privacy;

import io.oasis.common.error.ForbiddenException;
import io.oasis.common.security.CurrentUser;
import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.contact.CustomerContactRepository;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryAttempt;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationRepository;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.push.DeviceView;
import io.oasis.notification.push.PushDeviceRepository;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification service's part of a customer's export: its copy of their contact details and
 * preferences, every e-mail, SMS and push message to them (by customer id, or sent straight to their
 * address) with its text and attempts, their push devices, and which events about them went to partners
 * by webhook (the partner's endpoint and errors are the partner's, not shown). Asked for by the customer
 * service, whose service account alone has the realm role {@link #EXPORT_ROLE}.
 */
@Service
public class NotificationExport {

    /** The realm role of the service account that gathers exports. */
    public static final String EXPORT_ROLE = "personal-data-export";

    public record Part(UUID customerId, Contact contact, List<Message> messages, List<DeviceView> devices,
            List<Disclosure> webhookDeliveries) {
    }

    /** The contact details and channel preferences this service keeps to reach the customer. */
    public record Contact(String email, String phone, String givenName, String familyName, String locale,
            String timeZone, boolean emailOptIn, boolean smsOptIn, boolean pushOptIn, boolean webhookOptIn,
            LocalTime quietHoursStart, LocalTime quietHoursEnd, boolean emailInvalid, boolean phoneInvalid,
            boolean active, Instant updatedAt) {

        static Contact of(CustomerContact c) {
            return new Contact(c.getEmail(), c.getPhone(), c.getGivenName(), c.getFamilyName(), c.getLocale(),
                    c.getTimeZone(), c.isEmailOptIn(), c.isSmsOptIn(), c.isPushOptIn(), c.isWebhookOptIn(),
                    c.getQuietHoursStart(), c.getQuietHoursEnd(), c.isEmailInvalid(), c.isPhoneInvalid(), c.isActive(),
                    c.getUpdatedAt());
        }
    }

    /** One message to the customer, as sent, with every attempt and provider report. */
    public record Message(UUID id, Channel channel, String eventType, String eventId, String recipient,
            String template, String locale, String subject, String text, NotificationStatus status,
            String statusReason, Instant createdAt, Instant sentAt, Instant deliveredAt, List<Attempt> attempts) {

        static Message of(Notification n) {
            return new Message(n.getId(), n.getChannel(), n.getEventType(), n.getEventId(), n.getRecipient(),
                    n.getTemplate(), n.getLocale(), n.getSubject(), n.getBodyText(), n.getStatus(), n.getStatusReason(),
                    n.getCreatedAt(), n.getSentAt(), n.getDeliveredAt(),
                    n.getAttempts().stream().map(Attempt::of).toList());
        }
    }

    public record Attempt(int number, String outcome, Instant startedAt, Instant finishedAt, String error) {

        static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.getNumber(), a.getOutcome(), a.getStartedAt(), a.getFinishedAt(), a.getError());
        }
    }

    /** An event about the customer that went to an integration partner by webhook. */
    public record Disclosure(String eventType, String eventId, NotificationStatus status, Instant createdAt,
            Instant sentAt) {

        static Disclosure of(Notification n) {
            return new Disclosure(n.getEventType(), n.getEventId(), n.getStatus(), n.getCreatedAt(), n.getSentAt());
        }
    }

    private final CustomerContactRepository contacts;
    private final NotificationRepository notifications;
    private final PushDeviceRepository devices;

    public NotificationExport(CustomerContactRepository contacts, NotificationRepository notifications,
            PushDeviceRepository devices) {
        this.contacts = contacts;
        this.notifications = notifications;
        this.devices = devices;
    }

    @Transactional(readOnly = true)
    public Part export(UUID customerId, CurrentUser caller) {
        if (!caller.hasRole(EXPORT_ROLE)) {
            throw new ForbiddenException("only the service that gathers exports may read a customer's whole record");
        }
        CustomerContact contact = contacts.findById(customerId).orElse(null);
        List<String> addresses = contact == null ? List.of() : Stream.of(contact.getEmail(), contact.getPhone())
                .filter(Objects::nonNull).map(address -> address.toLowerCase(Locale.ROOT)).toList();
        List<Notification> all = notifications.findAll(about(customerId, addresses), Sort.by("createdAt"));
        List<Message> messages = new ArrayList<>();
        List<Disclosure> disclosures = new ArrayList<>();
        for (Notification notification : all) {
            if (notification.getChannel() == Channel.WEBHOOK) {
                disclosures.add(Disclosure.of(notification));
            } else {
                messages.add(Message.of(notification));
            }
        }
        return new Part(customerId, contact == null ? null : Contact.of(contact), messages,
                devices.findByCustomerIdOrderByCreatedAt(customerId).stream().map(DeviceView::of).toList(), disclosures);
    }

    /** The customer's notifications, and those sent straight to one of their addresses. */
    private static Specification<Notification> about(UUID customerId, List<String> addresses) {
        return (root, query, cb) -> {
            List<Predicate> either = new ArrayList<>();
            either.add(cb.equal(root.get("customerId"), customerId));
            if (!addresses.isEmpty()) {
                either.add(cb.lower(root.get("recipient")).in(addresses));
            }
            return cb.or(either.toArray(Predicate[]::new));
        };
    }
}
