package io.oasis.customer.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.common.outbox.OutboxWriter;
import io.oasis.customer.preferences.PreferencesView;
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
                new CustomerRegistered(customer, preferences, subject));
    }

    public void updated(CustomerView customer) {
        outbox.write(topic, customer.id().toString(), UPDATED, new CustomerUpdated(customer, null));
    }

    /** A contact change that came from the CRM. */
    public void updatedByCrm(CustomerView customer) {
        outbox.write(topic, customer.id().toString(), UPDATED, new CustomerUpdated(customer, ORIGIN_CRM));
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
