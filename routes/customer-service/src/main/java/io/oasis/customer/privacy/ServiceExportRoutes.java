package io.oasis.customer.privacy;

import io.oasis.common.http.ServiceClient;
import io.oasis.common.security.ServiceAccountToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Asks the order and notification services for their part of a customer's export, with this service's
 * own token (client {@code customer-service}, realm role {@code personal-data-export}): one route per service,
 * through that service's {@link ServiceClient} (a breaker per instance, so one that is down stops calls to it
 * alone, and the next instance when one fails).
 */
@Component
public class ServiceExportRoutes extends RouteBuilder {

    static final String ORDERS = "direct:customer-export-orders";
    static final String NOTIFICATIONS = "direct:customer-export-notifications";
    static final String CUSTOMER_ID = "OasisCustomerId";
    /** The path of each service's export of one customer (not routed by the gateway). */
    static final String EXPORT_PATH = "/internal/privacy/customers/";

    @Override
    public void configure() {
        exportFrom(ORDERS, "customer-export-orders", "order");
        exportFrom(NOTIFICATIONS, "customer-export-notifications", "notification");
    }

    private void exportFrom(String endpoint, String routeId, String service) {
        from(endpoint).routeId(routeId)
                .removeHeaders("*", CUSTOMER_ID)
                .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, simple(EXPORT_PATH + "${header." + CUSTOMER_ID + "}"))
                .removeHeader(CUSTOMER_ID)
                .setBody(constant(null))
                .to(ServiceClient.endpoint("customer", service));
    }
}
