package io.oasis.customer;

import io.oasis.common.boot.OasisService;
import io.oasis.common.consumer.DeadLetterRoutes;
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
}
