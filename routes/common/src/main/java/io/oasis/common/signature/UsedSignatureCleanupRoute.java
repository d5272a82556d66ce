package io.oasis.common.signature;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/** Every {@code oasis.signatures.cleanup-interval}, deletes the used signatures that can no longer matter. */
public class UsedSignatureCleanupRoute extends RouteBuilder {

    public static final String ROUTE_ID = "used-signature-cleanup";

    private final UsedSignatures usedSignatures;
    private final Duration interval;

    public UsedSignatureCleanupRoute(UsedSignatures usedSignatures, Duration interval) {
        this.usedSignatures = usedSignatures;
        this.interval = interval;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period=" + interval.toMillis() + "&delay=" + interval.toMillis())
                .routeId(ROUTE_ID)
                .bean(usedSignatures, "removeExpired");
    }
}
