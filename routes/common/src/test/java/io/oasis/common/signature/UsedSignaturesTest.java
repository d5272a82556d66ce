package io.oasis.common.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.oasis.common.error.ConflictException;
import io.oasis.testsupport.Postgres;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of used signatures on the two databases a service runs on: PostgreSQL, and H2 in
 * PostgreSQL mode (the launcher), each migrated by the shared kernel's own scripts. A "node" is a
 * {@link UsedSignatures} with its own connections, as each instance of a service has.
 */
class UsedSignaturesTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final Map<Database, DataSource> MIGRATED = new EnumMap<>(Database.class);

    enum Database {
        /** This JVM's test database, in a schema of its own. */
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
                return new DriverManagerDataSource("jdbc:h2:mem:used-signatures;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS " + SCHEMA
                        + "\\;SET SCHEMA " + SCHEMA, "sa", "");
            }
        };

        private static final String SCHEMA = "used_signatures_test";

        abstract DataSource connect();

        /** The database with the shared kernel's tables, created on first use. */
        synchronized DataSource migrated() {
            return MIGRATED.computeIfAbsent(this, database -> {
                DataSource dataSource = database.connect();
                Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration/common")
                        .load().migrate();
                return dataSource;
            });
        }

        /** One node of a service on this database, deleting at most {@code batchSize} rows per statement. */
        UsedSignatures node(int batchSize) {
            DataSource dataSource = migrated();
            return new UsedSignatures(new JdbcTemplate(dataSource),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)), CLOCK, batchSize);
        }

        boolean recorded(String signature) {
            return new JdbcTemplate(migrated()).queryForObject("SELECT count(*) FROM used_signature WHERE signature = ?",
                    Integer.class, signature) == 1;
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aSignatureIsUsedOnceAndTheCopyRunsNothing(Database database) throws Exception {
        UsedSignatures node = database.node(500);
        String signature = newSignature();
        AtomicInteger effects = new AtomicInteger();

        String first = node.useOnce("the carrier", signature, fresh(), () -> "applied " + effects.incrementAndGet());

        assertThat(first).isEqualTo("applied 1");
        assertThatThrownBy(() -> node.useOnce("the carrier", signature, fresh(), effects::incrementAndGet))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("already used");
        assertThat(effects).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aRequestThatFailedLeavesItsSignatureUnusedSoItsRetryRuns(Database database) throws Exception {
        UsedSignatures node = database.node(500);
        String signature = newSignature();

        assertThatThrownBy(() -> node.useOnce("the carrier", signature, fresh(), () -> {
            throw new ConflictException("The order waits for no shipment.");
        })).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> node.useOnce("the carrier", signature, fresh(), () -> {
            throw new IOException("the body ended early");
        })).isInstanceOf(IOException.class).hasMessage("the body ended early");
        assertThat(database.recorded(signature)).isFalse();

        assertThat(node.useOnce("the carrier", signature, fresh(), () -> "applied")).isEqualTo("applied");
        assertThat(database.recorded(signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void twoNodesSharingTheDatabaseLetOneOfManyCopiesThrough(Database database) throws Exception {
        List<UsedSignatures> nodes = List.of(database.node(500), database.node(500));
        String signature = newSignature();
        AtomicInteger effects = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> copies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                UsedSignatures node = nodes.get(i % 2);
                copies.add(pool.submit(() -> {
                    start.await();
                    try {
                        node.useOnce("the payment provider", signature, fresh(), effects::incrementAndGet);
                        return true;
                    } catch (InvalidSignatureException | ConflictException refused) {
                        // Used already, or (H2 only) a copy still in progress when the lock wait ran out.
                        return false;
                    }
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> copy : copies) {
                accepted += copy.get() ? 1 : 0;
            }

            assertThat(accepted).isEqualTo(1);
            assertThat(effects).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aCopyArrivingWhileTheFirstIsStillInProgressIsNotApplied(Database database) throws Exception {
        UsedSignatures first = database.node(500);
        UsedSignatures second = database.node(500);
        String signature = newSignature();
        CountDownLatch firstInProgress = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        AtomicInteger effects = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> original = pool.submit(() -> first.useOnce("the carrier", signature, fresh(), () -> {
                firstInProgress.countDown();
                awaitLatch(finishFirst);
                return effects.incrementAndGet();
            }));
            firstInProgress.await();
            Future<Integer> copy = pool.submit(() -> second.useOnce("the carrier", signature, fresh(),
                    effects::incrementAndGet));

            if (database == Database.POSTGRESQL) {
                // The copy waits at the primary key for the first to end, then finds the signature used.
                await().atMost(Duration.ofSeconds(30)).until(() -> new JdbcTemplate(database.migrated()).queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                + "AND query LIKE 'INSERT INTO used_signature%'", Integer.class) > 0);
                finishFirst.countDown();
                assertThat(original.get()).isEqualTo(1);
                assertThatThrownBy(copy::get).hasCauseInstanceOf(InvalidSignatureException.class);
            } else {
                // H2 waits for its lock timeout only: the copy is a conflict to retry.
                assertThatThrownBy(copy::get).hasCauseInstanceOf(ConflictException.class);
                finishFirst.countDown();
                assertThat(original.get()).isEqualTo(1);
            }
            assertThat(effects).hasValue(1);
        } finally {
            finishFirst.countDown();
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void expiredSignaturesAreRemovedInBatchesAndOnlyThose(Database database) throws Exception {
        UsedSignatures node = database.node(2);
        List<String> expired = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expired.add(use(node, CLOCK.instant().minusSeconds(1 + i)));
        }
        for (int i = 0; i < 2; i++) {
            current.add(use(node, CLOCK.instant().plusSeconds(60 + i)));
        }

        // Five rows at two per statement: three DELETEs, the last one short.
        assertThat(node.removeExpired()).isGreaterThanOrEqualTo(expired.size());

        assertThat(expired).noneMatch(database::recorded);
        assertThat(current).allMatch(database::recorded);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String use(UsedSignatures node, Instant expiresAt) throws IOException {
        String signature = newSignature();
        node.useOnce("the CRM", signature, expiresAt, () -> null);
        return signature;
    }

    private static Instant fresh() {
        return CLOCK.instant().plus(Duration.ofMinutes(6));
    }

    private static String newSignature() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
