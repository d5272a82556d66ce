package io.oasis.gateway;

import io.oasis.common.boot.OasisService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ApiGatewayApplication {

    public static final String NAME = "api-gateway";

    public static void main(String[] args) {
        OasisService.builder(ApiGatewayApplication.class, NAME).run(args);
    }
}
