package io.oasis.customer;

import io.oasis.common.boot.OasisService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CustomerServiceApplication {

    public static final String NAME = "customer-service";

    public static void main(String[] args) {
        OasisService.builder(CustomerServiceApplication.class, NAME).run(args);
    }
}
