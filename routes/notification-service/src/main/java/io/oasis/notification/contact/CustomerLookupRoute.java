package io.oasis.notification.contact;

import io.oasis.common.security.ServiceAccountToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Reads a customer (or their preferences) from the customer service with this service's own token. */
@Component
public class CustomerLookupRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:notification-customer-lookup";
    static final String CUSTOMER_ID = "OasisCustomerId";
    static final String PATH = "OasisCustomerPath";

    private final int timeoutMillis;

    public CustomerLookupRoute(@Value("${oasis.notification.customer-timeout-millis}") int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("notification-customer-lookup")
                .removeHeaders("*", CUSTOMER_ID + "|" + PATH)
                .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setBody(constant(null))
                .circuitBreaker()
                    .resilience4jConfiguration().timeoutEnabled(true).timeoutDuration(timeoutMillis).end()
                    .toD("{{oasis.services.customer-url}}/api/v1/customers/${header." + CUSTOMER_ID + "}${header."
                            + PATH + "}?throwExceptionOnFailure=false")
                .end()
                .removeHeaders(CUSTOMER_ID + "|" + PATH);
    }
}
