package io.oasis.common.consumer;

import java.sql.Timestamp;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event ids one consumer has taken, in {@code camel_messageprocessed}.
 *
 * <p>camel-sql's orphan-lock-aware repository treats an id as taken while its {@code createdAt} is
 * younger than the lock age, and keeps that timestamp fresh while this JVM holds it; so an id
 * whose processing never finished (the JVM died) becomes free again and its redelivery is processed.
 * On its own it would also free <em>completed</em> ids once no JVM refreshes them any more (and keep
 * refreshing every id it ever saw). Here completion is recorded instead: {@link #confirm} marks the
 * row {@code confirmed} and stops refreshing it, and a confirmed id stays a duplicate for ever.
 */
public class ProcessedEventRepository extends JdbcOrphanLockAwareIdempotentRepository {

    public ProcessedEventRepository(DataSource dataSource, TransactionTemplate transactionTemplate, String consumer,
            CamelContext camelContext) {
        super(dataSource, transactionTemplate, consumer, camelContext);
        // Flyway creates the table (V0_2).
        setCreateTableIfNotExists(false);
    }

    @Override
    protected int queryForInt(String key) {
        Timestamp lockAge = new Timestamp(System.currentTimeMillis() - getLockMaxAgeMillis());
        Integer count = jdbcTemplate.queryForObject("SELECT COUNT(*) FROM camel_messageprocessed WHERE processorName = ? "
                + "AND messageId = ? AND (confirmed = TRUE OR createdAt >= ?)", Integer.class, processorName, key, lockAge);
        return count == null ? 0 : count;
    }

    @Override
    public boolean confirm(String key) {
        transactionTemplate.executeWithoutResult(status -> {
            // delete() also drops the id from the keep-alive set; the row comes back confirmed.
            delete(key);
            jdbcTemplate.update("INSERT INTO camel_messageprocessed (processorName, messageId, createdAt, confirmed) "
                    + "VALUES (?, ?, ?, TRUE)", processorName, key, new Timestamp(System.currentTimeMillis()));
        });
        return true;
    }
}
