package io.oasis.common.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values come from a query: the query runs every {@code oasis.metrics.refresh-interval} on one
 * background thread and the gauges read what it found last, so a scrape (or several Prometheus servers
 * scraping at once) never reaches the database. Subclasses register their gauges and implement
 * {@link #refresh()}.
 */
public abstract class RefreshedGauges implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshedGauges.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    /** @param name names the refreshing thread and the log lines of a failed refresh */
    protected RefreshedGauges(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** Reads the current values; called on the refreshing thread, first right after start. */
    protected abstract void refresh();

    /** Refreshes now, on the caller's thread: for tests that want the values of this moment. */
    public void refreshNow() {
        refresh();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "oasis-metrics-" + name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The gauges keep their last values; the next refresh tries again.
            LOG.warn("Metrics {} not refreshed: {}", name, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Stops before the data source and engine it queries. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
