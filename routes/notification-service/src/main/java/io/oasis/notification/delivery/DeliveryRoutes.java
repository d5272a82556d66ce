package io.oasis.notification.delivery;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The poll that sends what is due, see {@link DeliveryDispatcher}. */
@Component
public class DeliveryRoutes extends RouteBuilder {

    private final DeliverySettings settings;

    public DeliveryRoutes(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        long period = settings.pollInterval().toMillis();
        from("timer:notification-dispatch?period=" + period + "&delay=" + period)
                .routeId("notification-dispatch")
                .bean(DeliveryDispatcher.class, "dispatchDue");
    }
}
