package io.oasis.order.timeline;

import io.oasis.common.http.ServiceClient;
import io.oasis.common.security.ServiceAccountToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Asks the notification service which messages answered some events, with the order service's own token
 * (a support agent's role), through its {@link ServiceClient} (a breaker per instance, a timeout per call).
 */
@Component
public class EventMessagesRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:order-timeline-messages";
    static final String EVENT_IDS = "OasisEventIds";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("order-timeline-messages")
                .setHeader(Exchange.HTTP_QUERY, simple("eventIds=${header." + EVENT_IDS + "}"))
                .removeHeaders("*", Exchange.HTTP_QUERY)
                .setHeader("Authorization", method(ServiceAccountToken.class, "bearer"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, constant("/internal/event-messages"))
                .setBody(constant(null))
                .to(ServiceClient.endpoint("order", "notification"));
    }
}
