package io.oasis.gateway.observe;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;

/**
 * Refusals in the access log as a rate rather than a line each: a flood of 401s or 429s from one address
 * would otherwise write a line per request. An address's first refusal in each interval is logged in full
 * (so a single refused call can still be found by its correlation id); the others are counted, and
 * {@link #flush()}, called once per interval, logs one line per address with how many more there were and
 * their statuses. Past {@value #MAX_ADDRESSES} addresses at once, further ones share one line.
 */
public final class RefusalRate {

    static final int MAX_ADDRESSES = 10_000;
    static final String OTHER_ADDRESSES = "other addresses";

    private final Logger log;
    private final Duration interval;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    public RefusalRate(Logger log, Duration interval) {
        this.log = log;
        this.interval = interval;
    }

    public Duration interval() {
        return interval;
    }

    /** Counts a refusal; true if it is its address's first in this interval, to be logged in full. */
    public boolean first(String address, int status) {
        Tally tally = tallies.get(address);
        if (tally == null) {
            tally = tallies.size() < MAX_ADDRESSES ? tallies.computeIfAbsent(address, key -> new Tally())
                    : tallies.computeIfAbsent(OTHER_ADDRESSES, key -> new Tally(true));
        }
        if (tally.logged.compareAndSet(false, true)) {
            return true;
        }
        tally.count(status);
        return false;
    }

    /**
     * Logs the refusals counted since the last call, one line per address, and starts a new interval; an
     * address without refusals for a whole interval is forgotten.
     */
    public void flush() {
        for (Iterator<Map.Entry<String, Tally>> entries = tallies.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, Tally> entry = entries.next();
            Tally tally = entry.getValue();
            boolean active = tally.logged.getAndSet(tally.shared);
            Map<String, Long> statuses = tally.drain();
            long more = statuses.values().stream().mapToLong(Long::longValue).sum();
            if (more > 0) {
                Map<String, Object> line = Map.of("remote", entry.getKey(), "refusals", more, "statuses", statuses,
                        "intervalSeconds", interval.toSeconds());
                log.info("{} more {} from {} in {} s: {}", more, more == 1 ? "refusal" : "refusals", entry.getKey(),
                        interval.toSeconds(), statuses, StructuredArguments.entries(line));
            } else if (!active || tally.shared) {
                entries.remove();
            }
        }
    }

    private static final class Tally {

        /** Whether this interval's refusal was logged in full (always, for the addresses that share a line). */
        private final AtomicBoolean logged;
        private final boolean shared;
        private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

        Tally() {
            this(false);
        }

        Tally(boolean shared) {
            this.shared = shared;
            this.logged = new AtomicBoolean(shared);
        }

        void count(int status) {
            byStatus.computeIfAbsent(status, key -> new LongAdder()).increment();
        }

        /** The counts by status since the last call (each taken and reset at once, so none is lost). */
        Map<String, Long> drain() {
            Map<String, Long> counts = new TreeMap<>();
            byStatus.forEach((status, count) -> {
                long n = count.sumThenReset();
                if (n > 0) {
                    counts.put(String.valueOf(status), n);
                }
            });
            return counts;
        }
    }
}
