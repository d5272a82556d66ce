package io.oasis.order;

import io.oasis.common.boot.OasisService;
import io.oasis.common.consumer.DeadLetterRoutes;
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
}
