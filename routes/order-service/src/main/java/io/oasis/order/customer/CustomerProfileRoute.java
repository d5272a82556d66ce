package io.oasis.order.customer;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Reads the caller's own customer profile, forwarding only their token. */
@Component
public class CustomerProfileRoute extends RouteBuilder {

    private final int timeoutMillis;

    public CustomerProfileRoute(@Value("${oasis.order.customer-timeout-millis}") int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    static final String ENDPOINT = "direct:order-customer-me";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("order-customer-me")
                .removeHeaders("*", "Authorization")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setBody(constant(null))
                .circuitBreaker()
                    .resilience4jConfiguration().timeoutEnabled(true)
                        .timeoutDuration(timeoutMillis).end()
                    .to("{{oasis.services.customer-url}}/api/v1/customers/me?throwExceptionOnFailure=false")
                .end();
    }
}
