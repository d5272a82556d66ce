package io.oasis.common.signature;

import io.oasis.common.error.ConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signatures of signed requests that were accepted, in the service's own database (table
 * {@code used_signature}), so that a copy of an accepted request is refused while its timestamp is
 * still fresh, whichever node of the service it reaches.
 *
 * <p>A signature is recorded in the transaction of the request's effect: it is used exactly when the
 * effect happened. Two copies racing on two nodes meet at the table's primary key: PostgreSQL makes
 * the second wait for the first and then refuses it (or, if the first rolled back, lets it through);
 * H2 (the launcher) waits only for its lock timeout, after which the copy is a 409 to retry.
 * A row is kept until its request's timestamp is out of the tolerance, when the timestamp check
 * refuses the request anyway; {@link #removeExpired} then deletes it, off the request path.
 */
public class UsedSignatures {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchSize;

    /** @param batchSize how many expired rows one DELETE removes at most, so none holds many locks for long */
    public UsedSignatures(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, int batchSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /**
     * Records {@code signature} as used and runs {@code effect}, in one transaction (joining the
     * caller's, if there is one).
     *
     * @param expiresAt when the signature's request can no longer be accepted anyway
     * @throws InvalidSignatureException (401) if the signature was used before; then nothing runs
     * @throws ConflictException (409) if H2 gave up waiting for a copy in progress; nothing runs either
     */
    public <T> T useOnce(String sender, String signature, Instant expiresAt, SignedRequests.Effect<T> effect)
            throws IOException {
        try {
            return transactions.execute(status -> {
                if (!record(sender, signature, expiresAt)) {
                    throw new InvalidSignatureException("This signature was already used: a signed request is "
                            + "accepted once. Send each new request with a new timestamp and its own signature.");
                }
                try {
                    return effect.apply();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Whether the signature was new (and is now recorded, until the transaction ends). */
    private boolean record(String sender, String signature, Instant expiresAt) {
        try {
            return jdbc.update("INSERT INTO used_signature (signature, sender, used_at, expires_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", signature, sender, utc(clock.instant()),
                    utc(expiresAt)) == 1;
        } catch (TransientDataAccessException lockTimeout) {
            throw new ConflictException("A copy of this signed request is being processed right now; this one was "
                    + "not applied.");
        }
    }

    /**
     * Deletes the rows whose time has passed, a batch at a time until none is left.
     *
     * @return how many were deleted
     */
    public int removeExpired() {
        OffsetDateTime now = utc(clock.instant());
        int total = 0;
        int deleted;
        do {
            // A sub-select with LIMIT: DELETE ... LIMIT is neither PostgreSQL nor standard SQL.
            deleted = jdbc.update("DELETE FROM used_signature WHERE signature IN (SELECT signature FROM used_signature "
                    + "WHERE expires_at < ? ORDER BY expires_at LIMIT ?)", now, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
