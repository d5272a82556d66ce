package io.oasis.notification;

import io.oasis.common.consumer.DeadLetterRoutes;
import io.oasis.common.consumer.EventConsumerRoute;
import io.oasis.notification.planning.EventNotifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics this service listens to, what it does with their events, and the admin API of those it gave up on. */
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

    @Bean
    DeadLetterRoutes notificationDeadLetterRoutes() {
        return new DeadLetterRoutes("notification");
    }
}
