package io.oasis.order;

import io.oasis.common.boot.OasisService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OrderServiceApplication {

    public static final String NAME = "order-service";

    public static void main(String[] args) {
        OasisService.builder(OrderServiceApplication.class, NAME).run(args);
    }
}
