package io.oasis.notification.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.privacy.ErasedPerson;
import io.oasis.common.privacy.SharedTableErasure;
import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.contact.CustomerContactRepository;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.OneTimeContents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets an erased customer here, in the transaction of their {@code CustomerErased} event:
 * <ul>
 * <li>the contact copy and the push devices are deleted;</li>
 * <li>each e-mail, SMS and push message to them (by customer id, or sent straight to their address) keeps
 * what happened (channel, event, status, times, attempts) but loses the address, the rendered texts and
 * the error texts; one still waiting is not sent;</li>
 * <li>each webhook copy of an event about them keeps going to the partner without their data;</li>
 * <li>the kernel's tables are cleaned, and the customer id is kept in {@code erased_customer} so events
 * about them that arrive later plan nothing personal.</li>
 * </ul>
 */
@Service
public class NotificationErasure {

    static final String ERASED = "(erased)";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationErasure.class);

    private final CustomerContactRepository contacts;
    private final OneTimeContents oneTimeContents;
    private final ErasedCustomers erased;
    private final SharedTableErasure sharedTables;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public NotificationErasure(CustomerContactRepository contacts, OneTimeContents oneTimeContents,
            ErasedCustomers erased, SharedTableErasure sharedTables, JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.contacts = contacts;
        this.oneTimeContents = oneTimeContents;
        this.erased = erased;
        this.sharedTables = sharedTables;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public void erase(UUID customerId) {
        Instant now = clock.instant();
        Optional<CustomerContact> contact = contacts.findById(customerId);
        List<String> addresses = contact.map(c -> Arrays.asList(c.getEmail(), c.getPhone())).orElse(List.of()).stream()
                .filter(Objects::nonNull).toList();
        String subject = contact.map(CustomerContact::getSubject).orElse(null);
        contact.ifPresent(contacts::delete);
        contacts.flush();
        int devices = jdbc.update("DELETE FROM push_device WHERE customer_id = ?", customerId);
        int messages = 0;
        int webhooks = 0;
        for (Map<String, Object> row : notificationsOf(customerId, addresses)) {
            UUID id = (UUID) row.get("id");
            if (Channel.WEBHOOK.name().equals(row.get("channel"))) {
                webhooks += redactWebhook(id, (String) row.get("payload"), now);
            } else {
                eraseMessage(id, NotificationStatus.valueOf((String) row.get("status")), now);
                messages++;
            }
        }
        erased.record(customerId, now);
        SharedTableErasure.Outcome shared = sharedTables.erase(new ErasedPerson(customerId, subject, addresses),
                NotificationPersonalData::redact);
        LOG.info("Erased customer {}: contact details, {} push devices, {} messages' addresses and texts, {} webhook "
                + "copies; {} outbox payloads, {} stored answers, {} dead letters", customerId, devices, messages, webhooks,
                shared.outboxPayloadsRedacted(), shared.idempotencyKeysDeleted(), shared.deadLettersDeleted());
    }

    /** The customer's notifications, and those sent straight to one of their addresses. */
    private List<Map<String, Object>> notificationsOf(UUID customerId, List<String> addresses) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(customerId);
        String byAddress = "";
        if (!addresses.isEmpty()) {
            String marks = addresses.stream().map(a -> "?").collect(Collectors.joining(", "));
            byAddress = " OR LOWER(recipient) IN (" + marks + ") OR LOWER(target_key) IN (" + marks + ")";
            addresses.forEach(a -> arguments.add(a.toLowerCase(Locale.ROOT)));
            addresses.forEach(a -> arguments.add(a.toLowerCase(Locale.ROOT)));
        }
        return jdbc.queryForList("SELECT id, channel, status, payload FROM notification WHERE customer_id = ?" + byAddress,
                arguments.toArray());
    }

    private void eraseMessage(UUID id, NotificationStatus status, Instant now) {
        // The version moves on: a sender holding the old row cannot write the address back.
        jdbc.update("UPDATE notification SET recipient = ?, target_key = ?, subject = NULL, body_text = NULL, "
                + "body_html = NULL, payload = NULL, last_error = NULL, "
                + "status_reason = CASE WHEN status_reason IS NULL THEN NULL ELSE ? END, "
                + "claimed_until = NULL, updated_at = ?, version = version + 1 WHERE id = ?",
                ERASED, "erased:" + id, ERASED, Timestamp.from(now), id);
        if (status == NotificationStatus.PENDING) {
            jdbc.update("UPDATE notification SET status = ?, status_reason = ?, next_attempt_at = NULL WHERE id = ?",
                    NotificationStatus.SUPPRESSED.name(), "not sent: the customer was erased", id);
        }
        jdbc.update("UPDATE delivery_attempt SET error = NULL WHERE notification_id = ?", id);
        oneTimeContents.forget(id);
    }

    private int redactWebhook(UUID id, String payload, Instant now) {
        if (payload == null) {
            return 0;
        }
        try {
            String redacted = json.writeValueAsString(NotificationPersonalData.redact(json.readTree(payload)));
            if (redacted.equals(payload)) {
                return 0;
            }
            jdbc.update("UPDATE notification SET payload = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                    redacted, Timestamp.from(now), id);
            return 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Webhook payload of notification " + id + " is not JSON", e);
        }
    }
}
