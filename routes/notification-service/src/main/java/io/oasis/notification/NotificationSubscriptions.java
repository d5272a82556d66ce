package io.oasis.notification;

import io.oasis.common.consumer.EventConsumerRoute;
import io.oasis.notification.planning.EventNotifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics this service listens to, and what it does with their events. */
@Configuration
class NotificationSubscriptions {

    @Bean
    EventConsumerRoute notificationCustomerEventsRoute(EventNotifications notifications) {
        return new EventConsumerRoute("notification-customer-events", "{{oasis.topics.customer-events}}",
                NotificationServiceApplication.NAME, notifications::onCustomerEvent);
    }

    @Bean
    EventConsumerRoute notificationOrderEventsRoute(EventNotifications notifications) {
        return new EventConsumerRoute("notification-order-events", "{{oasis.topics.order-events}}",
                NotificationServiceApplication.NAME, notifications::onOrderEvent);
    }
}
