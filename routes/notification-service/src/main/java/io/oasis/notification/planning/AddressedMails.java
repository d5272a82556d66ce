package io.oasis.notification.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.contact.CustomerContactRepository;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.OneTimeContents;
import io.oasis.notification.template.Templates;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The customer service's mails about an e-mail address, sent to the address in the event ({@code data.email})
 * and nowhere else, whatever the customer's contact details or preferences say (they are about that address,
 * not to the customer's usual one):
 * <ul>
 * <li>{@code CustomerEmailConfirmationRequested}: the one-time code that confirms the address. It belongs to
 * nobody's delivery log (the address is nobody's until confirmed, and the customer who asked must not learn from
 * their log whether the address was free). The log keeps it with the code masked; the text with the code is
 * kept apart until sent ({@link OneTimeContents}).</li>
 * <li>{@code CustomerEmailAlreadyRegistered}: tells the customer who has the address ({@code data.customerId})
 * that someone asked for it and nothing changed; it is in their log.</li>
 * </ul>
 * Neither goes to webhook subscriptions: partners never see a code or an address someone asked for.
 */
@Component
public class AddressedMails {

    public static final String CONFIRMATION_REQUESTED = "CustomerEmailConfirmationRequested";
    public static final String ALREADY_REGISTERED = "CustomerEmailAlreadyRegistered";
    /** What the delivery log shows in place of the code. */
    static final String MASK = "********";
    private static final Set<String> TYPES = Set.of(CONFIRMATION_REQUESTED, ALREADY_REGISTERED);
    private static final Logger LOG = LoggerFactory.getLogger(AddressedMails.class);

    /** A planned mail, and the text with its secret to keep apart (if it has one). */
    public record Planned(Notification notification, Optional<OneTimeContents.Content> oneTimeContent,
            Instant expiresAt) {
    }

    private final Templates templates;
    private final CustomerContactRepository contacts;
    private final ObjectMapper json;
    private final Clock clock;

    public AddressedMails(Templates templates, CustomerContactRepository contacts, ObjectMapper json, Clock clock) {
        this.templates = templates;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock;
    }

    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    /** The mail of the event, or empty if the event has no address to write to (or no template). */
    public Optional<Planned> plan(ReceivedEvent event, JsonNode data) {
        String address = text(data, "email");
        if (address == null) {
            LOG.warn("Event {} ({}) names no address; nothing to send", event.id(), event.type());
            return Optional.empty();
        }
        UUID owner = ALREADY_REGISTERED.equals(event.type()) ? uuid(text(data, "customerId")) : null;
        String locale = owner == null ? null : contacts.findById(owner).map(CustomerContact::getLocale).orElse(null);
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.convertValue(data, Map.class);
        Optional<Templates.Rendered> real = templates.render(event.type(), Channel.EMAIL, locale, model(event, fields));
        if (real.isEmpty()) {
            LOG.warn("No e-mail template for {}; event {} sends nothing", event.type(), event.id());
            return Optional.empty();
        }
        Notification mail = new Notification(UUID.randomUUID(), Channel.EMAIL, event.type(), event.id(), owner,
                address.toLowerCase(Locale.ROOT), address, now, now);
        String code = text(data, "code");
        if (code == null) {
            Templates.Rendered text = real.get();
            mail.content(text.template(), text.locale(), text.subject(), text.text(), text.html());
            return Optional.of(new Planned(mail, Optional.empty(), null));
        }
        Map<String, Object> maskedFields = new LinkedHashMap<>(fields);
        maskedFields.put("code", MASK);
        Templates.Rendered masked = templates.render(event.type(), Channel.EMAIL, locale, model(event, maskedFields))
                .orElseThrow();
        mail.content(masked.template(), masked.locale(), masked.subject(), masked.text(), masked.html());
        mail.markOneTime();
        Templates.Rendered text = real.get();
        return Optional.of(new Planned(mail,
                Optional.of(new OneTimeContents.Content(text.subject(), text.text(), text.html())),
                expiresAt(data, now)));
    }

    private static Map<String, Object> model(ReceivedEvent event, Map<String, Object> fields) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("data", fields);
        model.put("event", Map.of("id", event.id(), "type", event.type()));
        return model;
    }

    /** When the code stops working; a code without a (readable) end is kept for an hour at most. */
    private static Instant expiresAt(JsonNode data, Instant now) {
        String value = text(data, "expiresAt");
        try {
            return value == null ? now.plusSeconds(3600) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return now.plusSeconds(3600);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
