package io.oasis.notification.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.events.ReceivedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link CustomerContact} in step with the customer events: registration, contact changes,
 * preferences and deactivation. An erasure forgets the contact with everything else held about the person
 * ({@code NotificationErasure}, started by the same consumer).
 */
@Component
public class ContactProjection {

    private static final Logger LOG = LoggerFactory.getLogger(ContactProjection.class);

    private final CustomerContactRepository contacts;
    private final Clock clock;

    public ContactProjection(CustomerContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    @Transactional
    public void onCustomerEvent(ReceivedEvent event) {
        JsonNode data = event.data(JsonNode.class);
        Instant now = clock.instant();
        switch (event.type()) {
            case "CustomerRegistered" -> {
                CustomerContact contact = applyCustomer(data.path("customer"), now);
                contact.subject(text(data, "subject"));
                applyPreferences(contact, data.path("preferences"), now);
            }
            case "CustomerUpdated" -> applyCustomer(data.path("customer"), now);
            case "CustomerPreferencesChanged" -> {
                UUID id = UUID.fromString(data.path("customerId").asText());
                CustomerContact contact = contacts.findById(id).orElseGet(() -> contacts.save(new CustomerContact(id, now)));
                applyPreferences(contact, data.path("preferences"), now);
            }
            case "CustomerDeactivated" -> contacts.findById(UUID.fromString(data.path("customerId").asText()))
                    .ifPresent(contact -> contact.deactivate(now));
            default -> LOG.debug("Customer event {} ({}) does not change contact details", event.id(), event.type());
        }
    }

    /** Applies the contact details of a customer the customer service returned (the REST fallback). */
    @Transactional
    public CustomerContact remember(JsonNode customer, JsonNode preferences) {
        Instant now = clock.instant();
        CustomerContact contact = applyCustomer(customer, now);
        if (preferences != null && !preferences.isMissingNode()) {
            applyPreferences(contact, preferences, now);
        }
        return contact;
    }

    private CustomerContact applyCustomer(JsonNode customer, Instant now) {
        UUID id = UUID.fromString(customer.path("id").asText());
        CustomerContact contact = contacts.findById(id).orElseGet(() -> contacts.save(new CustomerContact(id, now)));
        contact.contact(text(customer, "email"), text(customer, "phone"), text(customer, "givenName"),
                text(customer, "familyName"), "ACTIVE".equals(customer.path("status").asText("ACTIVE")), now);
        return contact;
    }

    private static void applyPreferences(CustomerContact contact, JsonNode p, Instant now) {
        if (p.isMissingNode() || p.isNull()) {
            return;
        }
        contact.preferences(p.path("emailOptIn").asBoolean(true), p.path("smsOptIn").asBoolean(false),
                p.path("pushOptIn").asBoolean(false), p.path("webhookOptIn").asBoolean(false), text(p, "locale"),
                text(p, "timeZone"), time(p, "quietHoursStart"), time(p, "quietHoursEnd"), now);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static LocalTime time(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : LocalTime.parse(value);
    }
}
