package io.oasis.notification.planning;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.notification.contact.ContactProjection;
import io.oasis.notification.privacy.NotificationErasure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an event does here, in one transaction: a customer event updates the contact projection first
 * (so a welcome message already sees the new address), an erasure forgets the person (in this consumer, so
 * that it comes after every earlier event of the customer), then any event plans its notifications.
 */
@Component
public class EventNotifications {

    static final String CUSTOMER_ERASED = "CustomerErased";

    private final ContactProjection projection;
    private final NotificationErasure erasure;
    private final NotificationPlanner planner;

    public EventNotifications(ContactProjection projection, NotificationErasure erasure, NotificationPlanner planner) {
        this.projection = projection;
        this.erasure = erasure;
        this.planner = planner;
    }

    @Transactional
    public void onCustomerEvent(ReceivedEvent event) {
        projection.onCustomerEvent(event);
        if (CUSTOMER_ERASED.equals(event.type())) {
            erasure.erase(UUID.fromString(event.data(JsonNode.class).path("customerId").asText()));
        }
        plan(event);
    }

    @Transactional
    public void onOrderEvent(ReceivedEvent event) {
        plan(event);
    }

    private void plan(ReceivedEvent event) {
        try {
            planner.plan(event);
        } catch (IOException e) {
            // The customer service could not be asked: the consumer retries the event.
            throw new UncheckedIOException(e);
        }
    }
}
