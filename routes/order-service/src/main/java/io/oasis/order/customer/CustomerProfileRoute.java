package io.oasis.order.customer;

import io.oasis.common.http.ServiceClient;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Reads the caller's own customer profile, forwarding only their token. */
@Component
public class CustomerProfileRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:order-customer-me";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("order-customer-me")
                .removeHeaders("*", "Authorization")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, constant("/api/v1/customers/me"))
                .setBody(constant(null))
                .to(ServiceClient.endpoint("order", "customer"));
    }
}
