package io.oasis.common.outbox;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;

/** Polls the outbox every {@code oasis.outbox.poll-interval} and hands each batch to the {@link OutboxRelay}. */
public class OutboxRelayRoute extends RouteBuilder {

    public static final String ROUTE_ID = "outbox-relay";

    private final OutboxRelay relay;
    private final Duration pollInterval;

    public OutboxRelayRoute(OutboxRelay relay, Duration pollInterval) {
        this.relay = relay;
        this.pollInterval = pollInterval;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period=" + pollInterval.toMillis() + "&delay=" + pollInterval.toMillis())
                .routeId(ROUTE_ID)
                .bean(relay, "publishPending");
    }
}
