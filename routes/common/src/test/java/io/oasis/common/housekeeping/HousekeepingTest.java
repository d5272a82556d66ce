package io.oasis.common.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.oasis.testsupport.Postgres;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Each cleanup of the shared kernel's tables removes what is past its retention and nothing else, on the
 * two databases a service runs on (PostgreSQL, and H2 in PostgreSQL mode for the launcher), migrated by the
 * kernel's own scripts; in batches, and without waiting for rows the hot path holds.
 */
class HousekeepingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Map<Database, DataSource> MIGRATED = new EnumMap<>(Database.class);

    enum Database {
        POSTGRESQL {
            @Override
            DataSource connect() {
                Postgres db = Postgres.database();
                return new DriverManagerDataSource(db.jdbcUrl() + "?currentSchema=" + SCHEMA, db.username(), db.password());
            }
        },
        /** The launcher's settings (Platform.h2Url), in memory. */
        H2 {
            @Override
            DataSource connect() {
                return new DriverManagerDataSource("jdbc:h2:mem:housekeeping;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS " + SCHEMA
                        + "\\;SET SCHEMA " + SCHEMA, "sa", "");
            }
        };

        private static final String SCHEMA = "housekeeping_test";

        abstract DataSource connect();

        /** The database with the shared kernel's tables, emptied of what an earlier test left. */
        synchronized JdbcTemplate fresh() {
            DataSource dataSource = MIGRATED.computeIfAbsent(this, database -> {
                DataSource created = database.connect();
                Flyway.configure().dataSource(created).schemas(SCHEMA).locations("classpath:db/migration/common")
                        .load().migrate();
                return created;
            });
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.update("DELETE FROM outbox_event");
            jdbc.update("DELETE FROM camel_messageprocessed");
            jdbc.update("DELETE FROM idempotency_key");
            return jdbc;
        }
    }

    /** The defaults of config/oasis.yml (30, 14 and 7 days), two rows per DELETE so that batches add up. */
    private static Housekeeping housekeeping(JdbcTemplate jdbc) {
        HousekeepingProperties settings = new HousekeepingProperties();
        settings.setBatchSize(2);
        return new Housekeeping(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), settings);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void publishedEventsGoAfterTheirRetentionAndUnpublishedOnesStay(Database database) {
        JdbcTemplate jdbc = database.fresh();
        for (int i = 0; i < 5; i++) {
            outboxRow(jdbc, "old-" + i, days(60), days(31));
        }
        outboxRow(jdbc, "young", days(60), days(29));
        outboxRow(jdbc, "pending", days(60), null);

        int removed = housekeeping(jdbc).removePublishedEvents();

        assertThat(removed).isEqualTo(5);
        assertThat(jdbc.queryForList("SELECT aggregate_id FROM outbox_event ORDER BY aggregate_id", String.class))
                .containsExactly("pending", "young");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void confirmedEventIdsGoAfterTheirRetentionAndOnesInProgressStay(Database database) {
        JdbcTemplate jdbc = database.fresh();
        for (int i = 0; i < 3; i++) {
            processedRow(jdbc, "old-" + i, days(15), true);
        }
        processedRow(jdbc, "young", days(13), true);
        processedRow(jdbc, "unconfirmed", days(15), false);

        int removed = housekeeping(jdbc).removeProcessedEvents();

        assertThat(removed).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT messageId FROM camel_messageprocessed ORDER BY messageId", String.class))
                .containsExactly("unconfirmed", "young");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void idempotencyKeysGoAfterTheirRetention(Database database) {
        JdbcTemplate jdbc = database.fresh();
        for (int i = 0; i < 4; i++) {
            keyRow(jdbc, "old-" + i, days(8));
        }
        keyRow(jdbc, "young", days(6));

        int removed = housekeeping(jdbc).removeIdempotencyKeys();

        assertThat(removed).isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT idem_key FROM idempotency_key", String.class)).containsExactly("young");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void oneRoundRemovesWhatIsOldInEveryTable(Database database) {
        JdbcTemplate jdbc = database.fresh();
        outboxRow(jdbc, "old", days(40), days(40));
        outboxRow(jdbc, "young", days(1), days(1));
        processedRow(jdbc, "old", days(20), true);
        processedRow(jdbc, "young", days(1), true);
        keyRow(jdbc, "old", days(10));
        keyRow(jdbc, "young", days(1));

        housekeeping(jdbc).removeExpired();

        assertThat(jdbc.queryForList("SELECT aggregate_id FROM outbox_event", String.class)).containsExactly("young");
        assertThat(jdbc.queryForList("SELECT messageId FROM camel_messageprocessed", String.class)).containsExactly("young");
        assertThat(jdbc.queryForList("SELECT idem_key FROM idempotency_key", String.class)).containsExactly("young");
    }

    /** The relay holds its unpublished rows locked while it sends them: the cleanup neither waits for them nor takes them. */
    @Test
    void theCleanupDoesNotWaitForRowsTheRelayHolds() throws Exception {
        JdbcTemplate jdbc = Database.POSTGRESQL.fresh();
        outboxRow(jdbc, "sending", days(60), null);
        outboxRow(jdbc, "old", days(60), days(40));
        DataSource dataSource = jdbc.getDataSource();
        try (Connection relay = dataSource.getConnection()) {
            relay.setAutoCommit(false);
            try (var lock = relay.createStatement()) {
                lock.executeQuery("SELECT seq FROM outbox_event WHERE published_at IS NULL FOR UPDATE SKIP LOCKED").close();
                // Besides, the whole table: a cleanup that took a table lock would wait here.
                lock.execute("LOCK TABLE outbox_event IN ROW EXCLUSIVE MODE");
            }

            int removed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> housekeeping(jdbc).removePublishedEvents());

            assertThat(removed).isEqualTo(1);
            relay.rollback();
        }
        assertThat(jdbc.queryForList("SELECT aggregate_id FROM outbox_event", String.class)).isEqualTo(List.of("sending"));
    }

    private static void outboxRow(JdbcTemplate jdbc, String aggregateId, Instant createdAt, Instant publishedAt) {
        jdbc.update("INSERT INTO outbox_event (event_id, topic, aggregate_id, event_type, payload, created_at, "
                + "published_at) VALUES (?, 'oasis.test.events', ?, 'SampleHappened', '{}', ?, ?)", UUID.randomUUID(),
                aggregateId, utc(createdAt), publishedAt == null ? null : utc(publishedAt));
    }

    private static void processedRow(JdbcTemplate jdbc, String messageId, Instant createdAt, boolean confirmed) {
        jdbc.update("INSERT INTO camel_messageprocessed (processorName, messageId, createdAt, confirmed) "
                + "VALUES ('test-consumer', ?, ?, ?)", messageId, Timestamp.from(createdAt), confirmed);
    }

    private static void keyRow(JdbcTemplate jdbc, String key, Instant createdAt) {
        jdbc.update("INSERT INTO idempotency_key (scope, idem_key, request_hash, created_at) VALUES ('test', ?, 'h', ?)",
                key, utc(createdAt));
    }

    private static Instant days(int ago) {
        return NOW.minus(Duration.ofDays(ago));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
