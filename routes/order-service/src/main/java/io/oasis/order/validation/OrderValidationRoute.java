package io.oasis.order.validation;

import io.oasis.common.http.ServiceClient;
import io.oasis.common.security.ServiceAccountToken;
import io.oasis.order.bridge.ConnectorDelegate;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The connector {@code validate-order} of the order lifecycle: checks the order, then asks the
 * customer service (with the order service's own token) whether the customer exists and is active,
 * through its {@link ServiceClient} (a breaker per instance, the next instance when one fails).
 */
@Component
public class OrderValidationRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(ConnectorDelegate.ROUTE_PREFIX + "validate-order").routeId("order-validate")
                .bean(OrderValidation.class, "checkOrder")
                .filter(variable(ConnectorDelegate.BPMN_ERROR_CODE).isNull())
                    .removeHeaders("*")
                    .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                    .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                    .setHeader(Exchange.HTTP_PATH, simple("/api/v1/customers/${variable.customerId}"))
                    .setBody(constant(null))
                    .to(ServiceClient.endpoint("order", "customer"))
                    .bean(OrderValidation.class, "checkCustomer")
                .end();
    }
}
