package io.oasis.customer.privacy;

import io.oasis.common.security.ServiceAccountToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks the order and notification services for their part of a customer's export, with this service's
 * own token (client {@code customer-service}, realm role {@code personal-data-export}): one route, and one
 * circuit breaker, per service, so one that is down does not stop calls to the other.
 */
@Component
public class ServiceExportRoutes extends RouteBuilder {

    static final String ORDERS = "direct:customer-export-orders";
    static final String NOTIFICATIONS = "direct:customer-export-notifications";
    static final String CUSTOMER_ID = "OasisCustomerId";
    /** The path of each service's export of one customer (not routed by the gateway). */
    static final String EXPORT_PATH = "/internal/privacy/customers/";

    private final int timeoutMillis;

    public ServiceExportRoutes(@Value("${oasis.customer.export-timeout-millis}") int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void configure() {
        exportFrom(ORDERS, "customer-export-orders", "{{oasis.services.order-url}}");
        exportFrom(NOTIFICATIONS, "customer-export-notifications", "{{oasis.services.notification-url}}");
    }

    private void exportFrom(String endpoint, String routeId, String baseUrl) {
        from(endpoint).routeId(routeId)
                .removeHeaders("*", CUSTOMER_ID)
                .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setBody(constant(null))
                .circuitBreaker()
                    .resilience4jConfiguration().timeoutEnabled(true).timeoutDuration(timeoutMillis).end()
                    .toD(baseUrl + EXPORT_PATH + "${header." + CUSTOMER_ID + "}?throwExceptionOnFailure=false")
                .end()
                .removeHeader(CUSTOMER_ID);
    }
}
