package io.oasis.common.housekeeping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oasis.housekeeping.*}: how long the shared kernel's bookkeeping rows are kept and how they are
 * removed. The defaults and their reasons are in config/oasis.yml.
 */
@ConfigurationProperties("oasis.housekeeping")
public class HousekeepingProperties {

    /** Whether this node runs the cleanup (every node may: batches never overlap in effect). */
    private boolean enabled = true;
    /** How often the cleanup runs. */
    private Duration interval = Duration.ofMinutes(10);
    /** How many rows one DELETE removes at most: each batch is its own short transaction. */
    private int batchSize = 500;
    /** Published outbox rows older than this (by publication) are removed. */
    private Duration outboxRetention = Duration.ofDays(30);
    /** Confirmed event ids of the idempotent consumers older than this are removed. */
    private Duration processedEventRetention = Duration.ofDays(14);
    /** Idempotency keys older than this are removed; a retry after it creates anew. */
    private Duration idempotencyKeyRetention = Duration.ofDays(7);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getOutboxRetention() {
        return outboxRetention;
    }

    public void setOutboxRetention(Duration outboxRetention) {
        this.outboxRetention = outboxRetention;
    }

    public Duration getProcessedEventRetention() {
        return processedEventRetention;
    }

    public void setProcessedEventRetention(Duration processedEventRetention) {
        this.processedEventRetention = processedEventRetention;
    }

    public Duration getIdempotencyKeyRetention() {
        return idempotencyKeyRetention;
    }

    public void setIdempotencyKeyRetention(Duration idempotencyKeyRetention) {
        this.idempotencyKeyRetention = idempotencyKeyRetention;
    }
}
