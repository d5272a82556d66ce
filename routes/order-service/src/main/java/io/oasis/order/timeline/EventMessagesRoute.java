package io.oasis.order.timeline;

import io.oasis.common.security.ServiceAccountToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks the notification service which messages answered some events, with the order service's own token
 * (a support agent's role), behind a circuit breaker with a timeout.
 */
@Component
public class EventMessagesRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:order-timeline-messages";
    static final String EVENT_IDS = "OasisEventIds";

    private final int timeoutMillis;

    public EventMessagesRoute(@Value("${oasis.order.notification-timeout-millis}") int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("order-timeline-messages")
                .setHeader(Exchange.HTTP_QUERY, simple("eventIds=${header." + EVENT_IDS + "}"))
                .removeHeaders("*", Exchange.HTTP_QUERY)
                .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setBody(constant(null))
                .circuitBreaker()
                    .resilience4jConfiguration().timeoutEnabled(true).timeoutDuration(timeoutMillis).end()
                    .to("{{oasis.services.notification-url}}/internal/event-messages?throwExceptionOnFailure=false")
                .end();
    }
}
