package io.oasis.notification.email;

import static org.awaitility.Awaitility.await;

import io.oasis.notification.NotificationServiceTestBase;
import io.oasis.notification.delivery.NotificationStatus;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What the e-mail tests look at: a customer's e-mail notification for an event, and the template texts. */
abstract class EmailTestBase extends NotificationServiceTestBase {

    protected static final String FROM = "no-reply@oasis.test";

    /**
     * Registers a customer and waits until their welcome mail ({@code CustomerRegistered}) has the status, so
     * that what a test does next is not mixed up with it.
     */
    protected UUID registerWelcomed(String email, Map<String, Object> preferences, NotificationStatus welcome)
            throws Exception {
        UUID customer = registerCustomer(email, null, preferences);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM notification WHERE customer_id = ?"
                + " AND event_type = 'CustomerRegistered' AND channel = 'EMAIL' AND status = ?", customer,
                welcome.name()) == 1);
        return customer;
    }

    /** The mails in {@code email}'s mailbox with this subject. */
    protected static List<MimeMessage> mailsWithSubject(String email, String subject) {
        return MAIL.receivedBy(email).stream().filter(mail -> {
            try {
                return subject.equals(mail.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Publishes an order event about the customer; returns the CloudEvent as sent. */
    protected String publishOrder(String type, UUID customerId) throws Exception {
        UUID orderId = UUID.randomUUID();
        return publishOrderEvent(type, orderId, order(orderId, customerId, type.substring("Order".length()).toUpperCase(Locale.ROOT)));
    }

    /** Waits until the e-mail notification for the event has the status; returns its id. */
    protected UUID awaitEmail(String event, NotificationStatus status) throws Exception {
        String eventId = json.readTree(event).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE event_id = ? AND channel = 'EMAIL' AND status = ?",
                eventId, status.name()) == 1);
        return jdbc.queryForObject("SELECT id FROM notification WHERE event_id = ? AND channel = 'EMAIL'", UUID.class,
                eventId);
    }

    protected Map<String, Object> notificationRow(UUID id) {
        return jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", id);
    }

    protected List<Map<String, Object>> attemptRows(UUID id) {
        return jdbc.queryForList("SELECT * FROM delivery_attempt WHERE notification_id = ? ORDER BY number", id);
    }

    /** A template part as the service packages it, e.g. {@code OrderShipped/email.en.subject}. */
    protected static String template(String name) throws IOException {
        try (InputStream in = EmailTestBase.class.getResourceAsStream("/templates/" + name + ".mustache")) {
            if (in == null) {
                throw new IllegalArgumentException("No template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
