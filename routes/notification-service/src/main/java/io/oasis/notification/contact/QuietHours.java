package io.oasis.notification.contact;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.SendWindow;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * SMS and push wait while the customer has quiet hours (in their own time zone); e-mail and webhooks do
 * not, as nobody is woken by them. Quiet hours may span midnight (22:00 to 07:00).
 */
@Component
public class QuietHours implements SendWindow {

    private static final Set<Channel> HELD_BACK = EnumSet.of(Channel.SMS, Channel.PUSH);

    private final CustomerContactRepository contacts;

    public QuietHours(CustomerContactRepository contacts) {
        this.contacts = contacts;
    }

    @Override
    public Optional<Instant> quietUntil(Notification notification, Instant now) {
        if (!HELD_BACK.contains(notification.getChannel()) || notification.getCustomerId() == null) {
            return Optional.empty();
        }
        return contacts.findById(notification.getCustomerId()).flatMap(contact -> quietUntil(contact, now));
    }

    /** The end of the quiet hours {@code now} falls in, or empty. */
    public static Optional<Instant> quietUntil(CustomerContact contact, Instant now) {
        LocalTime start = contact.getQuietHoursStart();
        LocalTime end = contact.getQuietHoursEnd();
        if (start == null || end == null || start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone(contact.getTimeZone()));
        LocalTime time = local.toLocalTime();
        boolean quiet = start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime endToday = local.with(end);
        ZonedDateTime until = endToday.isAfter(local) ? endToday : local.plusDays(1).with(end);
        return Optional.of(until.toInstant());
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }
}
