package io.oasis.common.housekeeping;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Removes the shared kernel's bookkeeping once it can no longer matter: published outbox rows, the
 * confirmed event ids of the idempotent consumers, and idempotency keys, each after its retention.
 *
 * <p>Off the hot path: a DELETE takes at most {@code batchSize} rows chosen by key in a sub-select
 * (a row lock each, never a table lock), runs in its own short transaction (the template's
 * auto-commit), and the next batch follows until none is left. Rows the hot path still uses are never
 * candidates: unpublished outbox rows (which the relay locks) and unconfirmed event ids (a consumer's
 * lock) are left alone whatever their age.
 */
public class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final HousekeepingProperties settings;

    public Housekeeping(JdbcTemplate jdbc, Clock clock, HousekeepingProperties settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** One round of every cleanup; a failure of one does not keep the others from running. */
    public void removeExpired() {
        run("published outbox rows", this::removePublishedEvents);
        run("processed event ids", this::removeProcessedEvents);
        run("idempotency keys", this::removeIdempotencyKeys);
    }

    /** Outbox rows published before the outbox retention; returns how many were removed. */
    public int removePublishedEvents() {
        OffsetDateTime before = cutoff(settings.getOutboxRetention());
        // A sub-select with LIMIT: DELETE ... LIMIT is neither PostgreSQL nor standard SQL.
        return inBatches("DELETE FROM outbox_event WHERE seq IN (SELECT seq FROM outbox_event "
                + "WHERE published_at IS NOT NULL AND published_at < ? ORDER BY published_at LIMIT ?)", before);
    }

    /** Confirmed event ids taken before the processed-event retention. */
    public int removeProcessedEvents() {
        // camel_messageprocessed.createdAt is a plain TIMESTAMP written from the JVM's clock.
        Timestamp before = Timestamp.from(clock.instant().minus(settings.getProcessedEventRetention()));
        return inBatches("DELETE FROM camel_messageprocessed WHERE (processorName, messageId) IN ("
                + "SELECT processorName, messageId FROM camel_messageprocessed WHERE confirmed = TRUE AND createdAt < ? "
                + "ORDER BY createdAt LIMIT ?)", before);
    }

    /** Idempotency keys claimed before their retention. */
    public int removeIdempotencyKeys() {
        OffsetDateTime before = cutoff(settings.getIdempotencyKeyRetention());
        return inBatches("DELETE FROM idempotency_key WHERE (scope, idem_key) IN (SELECT scope, idem_key "
                + "FROM idempotency_key WHERE created_at < ? ORDER BY created_at LIMIT ?)", before);
    }

    private int inBatches(String delete, Object before) {
        int batchSize = settings.getBatchSize();
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(delete, before, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private OffsetDateTime cutoff(Duration retention) {
        Instant before = clock.instant().minus(retention);
        return OffsetDateTime.ofInstant(before, ZoneOffset.UTC);
    }

    private static void run(String what, IntSupplier cleanup) {
        try {
            int removed = cleanup.getAsInt();
            if (removed > 0) {
                LOG.info("Housekeeping removed {} {}", removed, what);
            }
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping of {} failed, tried again next round: {}", what, e.toString());
        }
    }
}
