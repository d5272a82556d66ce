package io.oasis.notification.push;

import io.oasis.notification.delivery.Channel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Sends one push to one device token through the provider's HTTP API ({@link PushRequests}), and reads the
 * answer ({@link PushResponses}). A failure goes back to the dispatcher, which records it and retries.
 */
@Component
@EnableConfigurationProperties(PushSettings.class)
public class PushSendRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PushSendRoute.class);

    private final PushRequests requests;

    public PushSendRoute(PushRequests requests) {
        this.requests = requests;
    }

    @Override
    public void configure() {
        requests.unconfigured().ifPresent(problem -> LOG.warn("Push notifications will fail until this is fixed: {}",
                problem));
        from(Channel.PUSH.endpoint()).routeId(Channel.PUSH.routeId())
                // No retries here: the dispatcher owns the schedule and the delivery log.
                .errorHandler(noErrorHandler())
                .bean(PushRequests.class, "prepare")
                // toD: the endpoint is made on the first push, so unset settings fail pushes, not the startup.
                // Not optimised, which would pass the timeouts on to the provider as query parameters.
                .toD().uri("${exchangeProperty." + PushRequests.TARGET + "}").allowOptimisedComponents(false).end()
                .removeProperty(PushRequests.TARGET)
                .bean(PushResponses.class, "examine");
    }
}
