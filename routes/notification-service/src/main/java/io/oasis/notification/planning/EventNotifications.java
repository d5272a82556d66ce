package io.oasis.notification.planning;

import io.oasis.common.events.ReceivedEvent;
import io.oasis.notification.contact.ContactProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an event does here, in one transaction: a customer event updates the contact projection first
 * (so a welcome message already sees the new address), then any event plans its notifications.
 */
@Component
public class EventNotifications {

    private final ContactProjection projection;
    private final NotificationPlanner planner;

    public EventNotifications(ContactProjection projection, NotificationPlanner planner) {
        this.projection = projection;
        this.planner = planner;
    }

    @Transactional
    public void onCustomerEvent(ReceivedEvent event) {
        projection.onCustomerEvent(event);
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
