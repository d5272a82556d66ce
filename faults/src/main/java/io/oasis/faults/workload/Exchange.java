package io.oasis.faults.workload;

import java.time.Instant;
import java.util.UUID;

/**
 * One request of the workload and its answer, as recorded in the run's history.
 *
 * @param status    the HTTP status, or {@link #NO_ANSWER} when the connection failed or timed out
 * @param orderId   the order it was about, null when there is none yet (a create that failed)
 */
public record Exchange(Instant at, String gateway, Operation operation, int status, UUID orderId, long latencyMillis) {

    public static final int NO_ANSWER = -1;

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** An error the caller sees: no answer or a server error; refusals like 409 or 429 are counted apart. */
    public boolean failed() {
        return status == NO_ANSWER || status >= 500;
    }

    static final String HEADER = "at,gateway,operation,status,order_id,latency_ms";

    String csv() {
        return at + "," + gateway + "," + operation + "," + status + "," + (orderId == null ? "" : orderId) + ","
                + latencyMillis;
    }

    static Exchange parse(String line) {
        String[] parts = line.split(",", -1);
        return new Exchange(Instant.parse(parts[0]), parts[1], Operation.valueOf(parts[2]), Integer.parseInt(parts[3]),
                parts[4].isEmpty() ? null : UUID.fromString(parts[4]), Long.parseLong(parts[5]));
    }
}
