package io.oasis.common.housekeeping;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/** Every {@code oasis.housekeeping.interval}, removes the bookkeeping rows past their retention. */
public class HousekeepingRoute extends RouteBuilder {

    public static final String ROUTE_ID = "housekeeping";

    private final Housekeeping housekeeping;
    private final Duration interval;

    public HousekeepingRoute(Housekeeping housekeeping, Duration interval) {
        this.housekeeping = housekeeping;
        this.interval = interval;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period=" + interval.toMillis() + "&delay=" + interval.toMillis())
                .routeId(ROUTE_ID)
                .bean(housekeeping, "removeExpired");
    }
}
