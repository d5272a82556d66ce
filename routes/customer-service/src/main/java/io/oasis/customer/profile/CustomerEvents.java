package io.oasis.customer.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.common.outbox.OutboxWriter;
import io.oasis.customer.preferences.PreferencesView;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The customer events, written to the outbox in the transaction of the change they describe.
 * Each carries the state after the change, so a consumer (the notification service's
 * projection) never has to call back.
 */
@Component
public class CustomerEvents {

    public static final String REGISTERED = "CustomerRegistered";
    public static final String UPDATED = "CustomerUpdated";
    public static final String PREFERENCES_CHANGED = "CustomerPreferencesChanged";
    public static final String DEACTIVATED = "CustomerDeactivated";
    public static final String ERASED = "CustomerErased";
    /** A code for confirming an address went out to that address (only there). */
    public static final String EMAIL_CONFIRMATION_REQUESTED = "CustomerEmailConfirmationRequested";
    /** Someone asked for an address another customer already has: its owner is told, nothing changed. */
    public static final String EMAIL_ALREADY_REGISTERED = "CustomerEmailAlreadyRegistered";

    /** The {@code origin} of a change that was made in the CRM and applied here. */
    public static final String ORIGIN_CRM = "crm";

    /**
     * @param subject the Keycloak subject of a customer who registered themselves (absent when staff created
     *                the profile), so projections can tell whose data it is without calling back
     */
    public record CustomerRegistered(CustomerView customer, PreferencesView preferences,
            @JsonInclude(JsonInclude.Include.NON_NULL) String subject) {
    }

    /**
     * @param origin who made the change when it came from outside Oasis ({@link #ORIGIN_CRM}); absent
     *               otherwise. The CRM connector does not send a change back to where it came from.
     */
    public record CustomerUpdated(CustomerView customer, @JsonInclude(JsonInclude.Include.NON_NULL) String origin) {
    }

    /** Why an address is to be confirmed or was found taken. */
    public enum EmailPurpose {
        /** A customer (or an admin) asked to change the profile's address. */
        CHANGE,
        /** A registration asked for the address. */
        REGISTRATION
    }

    /**
     * Asks the notification service to mail {@code code} to {@code email}, and only there. It names no customer:
     * the address is nobody's until the code comes back, and the requester must not find the message (and so
     * learn whether the address was free) in their delivery log. The code is the only copy in clear outside
     * the mail; the customer service keeps its hash.
     *
     * @param validForMinutes how long the code works, for the message's text
     */
    public record CustomerEmailConfirmationRequested(String email, String code, Instant expiresAt,
            long validForMinutes, EmailPurpose purpose) {
    }

    /**
     * Asks the notification service to tell the owner of {@code email} that someone asked for their address
     * and nothing was changed. {@code customerId} is that owner, whose delivery log the message belongs to.
     */
    public record CustomerEmailAlreadyRegistered(UUID customerId, String email, EmailPurpose purpose) {
    }

    public record CustomerPreferencesChanged(UUID customerId, PreferencesView preferences) {
    }

    public record CustomerStatusChanged(UUID customerId, CustomerStatus status) {
    }

    /**
     * Identifiers only, so every service finds what it holds about the person: the customer id and, for
     * a customer who registered themselves, the sign-in subject their orders and keys are recorded under.
     */
    public record CustomerErasure(UUID customerId, CustomerStatus status,
            @JsonInclude(JsonInclude.Include.NON_NULL) String subject) {
    }

    private final OutboxWriter outbox;
    private final String topic;

    public CustomerEvents(OutboxWriter outbox, @Value("${oasis.topics.customer-events}") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    public void registered(CustomerView customer, PreferencesView preferences, String subject) {
        outbox.write(topic, customer.id().toString(), REGISTERED,
                new CustomerRegistered(customer.confirmedOnly(), preferences, subject));
    }

    public void updated(CustomerView customer) {
        outbox.write(topic, customer.id().toString(), UPDATED, new CustomerUpdated(customer.confirmedOnly(), null));
    }

    /** A contact change that came from the CRM. */
    public void updatedByCrm(CustomerView customer) {
        outbox.write(topic, customer.id().toString(), UPDATED,
                new CustomerUpdated(customer.confirmedOnly(), ORIGIN_CRM));
    }

    /** Keyed by the customer who asked, so it follows their other events. */
    public void emailConfirmationRequested(UUID requester, CustomerEmailConfirmationRequested request) {
        outbox.write(topic, requester.toString(), EMAIL_CONFIRMATION_REQUESTED, request);
    }

    /** Keyed by the customer who asked (or, for a registration that created nothing, the address's owner). */
    public void emailAlreadyRegistered(UUID requester, CustomerEmailAlreadyRegistered notice) {
        outbox.write(topic, requester.toString(), EMAIL_ALREADY_REGISTERED, notice);
    }

    /** Whether an event of this type says something about the customer's own data (not a message to send). */
    public static boolean describesCustomer(String eventType) {
        return !EMAIL_CONFIRMATION_REQUESTED.equals(eventType) && !EMAIL_ALREADY_REGISTERED.equals(eventType);
    }

    public void preferencesChanged(PreferencesView preferences) {
        outbox.write(topic, preferences.customerId().toString(), PREFERENCES_CHANGED,
                new CustomerPreferencesChanged(preferences.customerId(), preferences));
    }

    public void deactivated(UUID customerId) {
        outbox.write(topic, customerId.toString(), DEACTIVATED,
                new CustomerStatusChanged(customerId, CustomerStatus.DEACTIVATED));
    }

    /** Tells every service to forget the person's data; {@code subject} is null for a profile staff created. */
    public void erased(UUID customerId, String subject) {
        outbox.write(topic, customerId.toString(), ERASED,
                new CustomerErasure(customerId, CustomerStatus.ERASED, subject));
    }
}
