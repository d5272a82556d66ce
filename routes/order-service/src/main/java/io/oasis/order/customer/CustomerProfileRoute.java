package io.oasis.order.customer;

import io.oasis.common.http.ServiceClient;
import io.oasis.common.security.ServiceAccountToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Reads customer profiles from the customer service: the caller's own, forwarding only their token; or a
 * customer staff order for, with the order service's own token (staff who order for a customer need not be
 * allowed to read profiles themselves).
 */
@Component
public class CustomerProfileRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:order-customer-me";
    static final String BY_ID = "direct:order-customer-get";
    /** Exchange variable with the id of the customer {@link #BY_ID} reads. */
    static final String CUSTOMER_ID = "customerId";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("order-customer-me")
                .removeHeaders("*", "Authorization")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, constant("/api/v1/customers/me"))
                .setBody(constant(null))
                .to(ServiceClient.endpoint("order", "customer"));

        from(BY_ID).routeId("order-customer-get")
                .removeHeaders("*")
                .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, simple("/api/v1/customers/${variable." + CUSTOMER_ID + "}"))
                .setBody(constant(null))
                .to(ServiceClient.endpoint("order", "customer"));
    }
}
