package io.oasis.customer;

import io.oasis.common.boot.OasisService;
import io.oasis.common.consumer.DeadLetterRoutes;
import io.oasis.common.http.ServiceClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class CustomerServiceApplication {

    public static final String NAME = "customer-service";

    public static void main(String[] args) {
        OasisService.builder(CustomerServiceApplication.class, NAME).run(args);
    }

    /** The admin API of this service's dead letters (its event consumers' records that failed for good). */
    @Bean
    DeadLetterRoutes customerDeadLetterRoutes() {
        return new DeadLetterRoutes("customer");
    }

    /** Calls to the order service's instances: its part of a customer's export. */
    @Bean
    ServiceClient customerOrderClient(@Value("${oasis.services.order-url}") String baseUrls,
            @Value("${oasis.customer.export-timeout-millis}") int timeoutMillis) {
        return new ServiceClient("customer", "order", baseUrls, Duration.ofMillis(timeoutMillis));
    }

    /** Calls to the notification service's instances: its part of a customer's export. */
    @Bean
    ServiceClient customerNotificationClient(@Value("${oasis.services.notification-url}") String baseUrls,
            @Value("${oasis.customer.export-timeout-millis}") int timeoutMillis) {
        return new ServiceClient("customer", "notification", baseUrls, Duration.ofMillis(timeoutMillis));
    }
}
