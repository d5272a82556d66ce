package io.oasis.notification.delivery;

/**
 * Told of each attempt's outcome, so what a channel learns outlives the notification: a hard bounce marks
 * the address invalid, a webhook receiver's 410 or long failure disables its subscription.
 */
public interface DeliveryListener {

    default void sent(Notification notification) {
    }

    default void failed(Notification notification, DeliveryException failure) {
    }
}
