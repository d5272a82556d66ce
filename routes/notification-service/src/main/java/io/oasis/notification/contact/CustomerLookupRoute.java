package io.oasis.notification.contact;

import io.oasis.common.http.ServiceClient;
import io.oasis.common.security.ServiceAccountToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Reads a customer (or their preferences) from the customer service with this service's own token, through
 * its {@link ServiceClient} (a breaker per instance, the next instance when one fails).
 */
@Component
public class CustomerLookupRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:notification-customer-lookup";
    static final String CUSTOMER_ID = "OasisCustomerId";
    static final String PATH = "OasisCustomerPath";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("notification-customer-lookup")
                .removeHeaders("*", CUSTOMER_ID + "|" + PATH)
                .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, simple("/api/v1/customers/${header." + CUSTOMER_ID + "}${header." + PATH + "}"))
                .removeHeaders(CUSTOMER_ID + "|" + PATH)
                .setBody(constant(null))
                .to(ServiceClient.endpoint("notification", "customer"));
    }
}
