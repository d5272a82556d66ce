package io.oasis.faults.check;

import io.oasis.faults.workload.Exchange;
import io.oasis.faults.workload.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * How long after a fault ended the orders accepted per second came back to normal: normal is the rate before the
 * fault began, and back means a few seconds in a row at 90 % of it or more.
 */
public final class Recovery {

    /** Seconds in a row that must be back at the normal rate. */
    static final int STEADY_SECONDS = 5;
    static final double SHARE_OF_NORMAL = 0.9;

    private Recovery() {
    }

    /**
     * @return seconds from {@code faultEnd} to the first second of a steady stretch at the normal rate; empty when
     *         throughput never came back before the workload ended, or no normal rate could be measured
     */
    public static OptionalLong seconds(List<Exchange> history, Instant start, Instant faultStart, Instant faultEnd,
            Instant workloadEnd) {
        int[] accepted = acceptedPerSecond(history, start, workloadEnd);
        int before = (int) Duration.between(start, faultStart).toSeconds();
        // The first seconds warm up (tokens, connections): the normal rate is measured after them.
        int from = Math.min(before / 3, Math.max(0, before - 5));
        if (before - from <= 0) {
            return OptionalLong.empty();
        }
        double normal = 0;
        for (int second = from; second < before; second++) {
            normal += accepted[second];
        }
        normal /= before - from;
        if (normal <= 0) {
            return OptionalLong.empty();
        }
        int end = (int) Duration.between(start, faultEnd).toSeconds();
        for (int second = Math.max(end, 0); second + STEADY_SECONDS <= accepted.length; second++) {
            double sum = 0;
            for (int i = second; i < second + STEADY_SECONDS; i++) {
                sum += accepted[i];
            }
            if (sum / STEADY_SECONDS >= SHARE_OF_NORMAL * normal) {
                return OptionalLong.of(second - end);
            }
        }
        return OptionalLong.empty();
    }

    /** Orders accepted (2xx) in each second from {@code start} to {@code end}. */
    public static int[] acceptedPerSecond(List<Exchange> history, Instant start, Instant end) {
        int[] perSecond = new int[(int) Math.max(1, Duration.between(start, end).toSeconds() + 1)];
        for (Exchange exchange : history) {
            if (exchange.operation() == Operation.PLACE_ORDER && exchange.succeeded()) {
                int second = (int) Duration.between(start, exchange.at()).toSeconds();
                if (second >= 0 && second < perSecond.length) {
                    perSecond[second]++;
                }
            }
        }
        return perSecond;
    }

    /** Requests per second that got no answer or a server error, from {@code start} to {@code end}. */
    public static int[] errorsPerSecond(List<Exchange> history, Instant start, Instant end) {
        int[] perSecond = new int[(int) Math.max(1, Duration.between(start, end).toSeconds() + 1)];
        for (Exchange exchange : history) {
            if (exchange.failed()) {
                int second = (int) Duration.between(start, exchange.at()).toSeconds();
                if (second >= 0 && second < perSecond.length) {
                    perSecond[second]++;
                }
            }
        }
        return perSecond;
    }
}
