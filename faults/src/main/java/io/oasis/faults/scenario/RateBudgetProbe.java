package io.oasis.faults.scenario;

import io.oasis.faults.workload.Gateways;
import io.oasis.faults.workload.Operation;
import io.oasis.keycloak.DemoUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One caller sends as fast as it can for a while, alternating the two gateways. With the rate-limit buckets
 * shared through Redis it gets one budget (the burst plus the refill over the time); with a bucket per gateway it
 * would get two. The caller is the demo process designer, whom the workload never uses: its bucket starts full.
 */
final class RateBudgetProbe {

    private static final Duration LENGTH = Duration.ofSeconds(10);

    private RateBudgetProbe() {
    }

    static void run(FaultContext context) {
        int burst = Integer.parseInt(context.deployment().get("FAULTS_RATE_STANDARD_BURST", "30"));
        int perMinute = Integer.parseInt(context.deployment().get("FAULTS_RATE_STANDARD_PER_MINUTE", "120"));
        String token = context.callers().token(DemoUser.DESIGNER);
        List<String> gateways = context.gateways().urls();
        int accepted = 0;
        int limited = 0;
        int sent = 0;
        Instant start = Instant.now();
        Instant end = start.plus(LENGTH);
        while (Instant.now().isBefore(end)) {
            String gateway = gateways.get(sent++ % gateways.size());
            Gateways.Answer answer = context.gateways().sendTo(gateway, Operation.RATE_PROBE, null,
                    (base, request) -> request.uri(java.net.URI.create(base + "/api/v1/me"))
                            .header("Authorization", "Bearer " + token).GET().build());
            if (answer.succeeded()) {
                accepted++;
            } else if (answer.status() == 429) {
                limited++;
            }
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        long budget = burst + Math.round(perMinute * seconds / 60) + 1;
        // Only a caller that reached its limit shows the budget is shared: without a 429 the probe proves nothing.
        context.note(String.format("rate budget across both gateways: %d requests in %.0f s, %d accepted, %d refused "
                + "with 429; one budget allows %d%s", sent, seconds, accepted, limited, budget,
                limited == 0 ? " (the limit was never reached: inconclusive)" : ""), limited > 0 && accepted <= budget);
    }
}
