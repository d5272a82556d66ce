package io.oasis.order;

import io.oasis.common.boot.OasisService;
import io.oasis.common.consumer.DeadLetterRoutes;
import io.oasis.common.http.ServiceClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class OrderServiceApplication {

    public static final String NAME = "order-service";

    public static void main(String[] args) {
        OasisService.builder(OrderServiceApplication.class, NAME).run(args);
    }

    /** The admin API of this service's dead letters (its event consumers' records that failed for good). */
    @Bean
    DeadLetterRoutes orderDeadLetterRoutes() {
        return new DeadLetterRoutes("order");
    }

    /** Calls to the customer service's instances: an order's customer, the caller's own profile. */
    @Bean
    ServiceClient orderCustomerClient(@Value("${oasis.services.customer-url}") String baseUrls,
            @Value("${oasis.order.customer-timeout-millis}") int timeoutMillis) {
        return new ServiceClient("order", "customer", baseUrls, Duration.ofMillis(timeoutMillis));
    }

    /** Calls to the notification service's instances: the messages on an order's timeline. */
    @Bean
    ServiceClient orderNotificationClient(@Value("${oasis.services.notification-url}") String baseUrls,
            @Value("${oasis.order.notification-timeout-millis}") int timeoutMillis) {
        return new ServiceClient("order", "notification", baseUrls, Duration.ofMillis(timeoutMillis));
    }
}
