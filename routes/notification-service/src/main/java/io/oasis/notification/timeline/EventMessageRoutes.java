package io.oasis.notification.timeline;

import io.oasis.common.error.Problem;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * {@code GET /internal/event-messages?eventIds=...} (route id {@code notification-event-messages}): the
 * messages that answered some events, with their attempts, for the order service's timeline of an order.
 * Internal: the gateway does not route it.
 */
@Component
public class EventMessageRoutes extends ApiRouteBuilder {

    public EventMessageRoutes() {
        super(EventMessageEndpoints.class);
    }

    @Override
    public void configure() {
        rest("/internal/event-messages").produces("application/json")
                .get().id("notification-event-messages")
                    .description("The e-mail, SMS and push messages and the webhook deliveries that answered the given "
                            + "events, with every attempt (support agents and admins; the order service's account is "
                            + "a support agent); no address, contents or partner URL")
                    .param().name("eventIds").type(RestParamType.query).required(true)
                        .description("event ids, comma-separated").endParam()
                    .responseMessage().code(400).message("No event ids, or too many").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .responseMessage().code(403).message("Not staff").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .to("direct:notification-event-messages");

        internalOperation("notification-event-messages", "list");
    }
}
