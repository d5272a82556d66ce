package io.oasis.order.validation;

import io.oasis.common.security.ServiceAccountToken;
import io.oasis.order.bridge.ConnectorDelegate;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The connector {@code validate-order} of the order lifecycle: checks the order, then asks the
 * customer service (with the order service's own token) whether the customer exists and is active.
 */
@Component
public class OrderValidationRoute extends RouteBuilder {

    private final int timeoutMillis;

    public OrderValidationRoute(@Value("${oasis.order.customer-timeout-millis}") int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void configure() {
        from(ConnectorDelegate.ROUTE_PREFIX + "validate-order").routeId("order-validate")
                .bean(OrderValidation.class, "checkOrder")
                .filter(variable(ConnectorDelegate.BPMN_ERROR_CODE).isNull())
                    .removeHeaders("*")
                    .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                    .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                    .setBody(constant(null))
                    .circuitBreaker()
                        .resilience4jConfiguration().timeoutEnabled(true)
                            .timeoutDuration(timeoutMillis).end()
                        .toD("{{oasis.services.customer-url}}/api/v1/customers/${variable.customerId}"
                                + "?throwExceptionOnFailure=false")
                    .end()
                    .bean(OrderValidation.class, "checkCustomer")
                .end();
    }
}
