package io.oasis.faults.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.faults.check.Observations.StatusChange;
import io.oasis.faults.check.Observations.Stuck;
import io.oasis.testsupport.Postgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker's queries on real PostgreSQL, against the services' own migrations and the engine's own DDL: the
 * order database in one schema, the notification database in another.
 */
class DatabasesTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final UUID DELIVERED = UUID.randomUUID();
    private static final UUID PAID_TWICE = UUID.randomUUID();

    private static Databases databases;

    @BeforeAll
    static void services() throws Exception {
        Postgres postgres = Postgres.database();
        try (Connection db = postgres.connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE SCHEMA orders");
            sql.execute("CREATE SCHEMA notifications");
            sql.execute("SET search_path TO orders");
            migrate(sql, "routes/common/src/main/resources/db/migration/common");
            migrate(sql, "routes/order-service/src/main/resources/db/migration/order");
            sql.execute(engineDdl());
            sql.execute("SET search_path TO notifications");
            migrate(sql, "routes/common/src/main/resources/db/migration/common");
            migrate(sql, "routes/notification-service/src/main/resources/db/migration/notification");

            sql.execute("SET search_path TO orders");
            for (UUID order : List.of(DELIVERED, PAID_TWICE)) {
                sql.execute("INSERT INTO customer_order (id, customer_id, placed_by, status, currency, total, created_at, "
                        + "updated_at, version) VALUES ('" + order + "', gen_random_uuid(), 'customer', '"
                        + (order == DELIVERED ? "DELIVERED" : "PAID") + "', 'EUR', 12.50, now(), now(), 0)");
                sql.execute("INSERT INTO order_status_change VALUES ('" + order + "', 0, NULL, 'PLACED', now(), NULL, 'c')");
                sql.execute("INSERT INTO order_status_change VALUES ('" + order + "', 1, 'PLACED', 'PAID', now(), NULL, 'p')");
            }
            sql.execute("INSERT INTO order_status_change VALUES ('" + PAID_TWICE + "', 2, 'PAID', 'PAID', now(), NULL, 'p')");
            sql.execute("INSERT INTO act_ru_incident (id_, rev_, incident_timestamp_, incident_msg_, incident_type_, "
                    + "activity_id_) VALUES ('i-1', 1, now(), 'Connection refused', 'failedJob', 'Task_ReserveStock')");
            sql.execute("INSERT INTO outbox_event (event_id, topic, aggregate_id, event_type, payload, created_at) "
                    + "VALUES (gen_random_uuid(), 'oasis.order.events', '" + PAID_TWICE + "', 'OrderPaid', '{}', now())");

            sql.execute("SET search_path TO notifications");
            notification(sql, "DEAD", "now()");
            notification(sql, "PENDING", "now() - interval '10 minutes'");
            notification(sql, "PENDING", "now() + interval '1 minute'");
            notification(sql, "SENT", "NULL");
            sql.execute("INSERT INTO dead_letter_event (consumer, topic, kafka_partition, kafka_offset, event_id, error, "
                    + "failed_at) VALUES ('notification-order-events', 'oasis.order.events', 0, 7, 'e-7', 'boom', now())");
        }
        String url = postgres.jdbcUrl();
        databases = new Databases(url + "?currentSchema=orders", url + "?currentSchema=notifications",
                postgres.username(), postgres.password());
    }

    @Test
    void readsOrdersAndTheirStatusHistory() throws SQLException {
        UUID unknown = UUID.randomUUID();

        assertThat(databases.orderStatuses(List.of(DELIVERED, PAID_TWICE, unknown)))
                .isEqualTo(Map.of(DELIVERED, "DELIVERED", PAID_TWICE, "PAID"));
        assertThat(databases.statusChanges(List.of(PAID_TWICE)))
                .containsExactlyInAnyOrder(new StatusChange(PAID_TWICE, "PLACED"), new StatusChange(PAID_TWICE, "PAID"),
                        new StatusChange(PAID_TWICE, "PAID"));
    }

    @Test
    void findsIncidentsDeadLettersUnpublishedEventsAndDeliveriesGivenUpOrOverdue() throws SQLException {
        List<Stuck> stuck = databases.stuck();

        assertThat(stuck).extracting(Stuck::kind).containsExactlyInAnyOrder("incident", "unpublished event (order)",
                "dead letter (notification)", "delivery gave up", "delivery not retried");
        assertThat(stuck).filteredOn(item -> item.kind().equals("incident")).singleElement()
                .satisfies(item -> assertThat(item.detail()).isEqualTo("Task_ReserveStock: Connection refused"));
        assertThat(databases.unpublishedEvents()).isEqualTo(1);
    }

    private static void notification(Statement sql, String status, String nextAttempt) throws SQLException {
        sql.execute("INSERT INTO notification (id, event_id, event_type, channel, target_key, recipient, status, "
                + "next_attempt_at, created_at, updated_at) VALUES (gen_random_uuid(), gen_random_uuid()::text, "
                + "'OrderPlaced', 'EMAIL', 'customer@oasis.example', 'customer@oasis.example', '" + status + "', "
                + nextAttempt + ", now(), now())");
    }

    private static void migrate(Statement sql, String folder) throws IOException, SQLException {
        try (Stream<Path> files = Files.list(REPO.resolve(folder))) {
            List<Path> ordered = files.filter(f -> f.toString().endsWith(".sql"))
                    .sorted((a, b) -> version(a).compareTo(version(b))).toList();
            for (Path file : ordered) {
                sql.execute(Files.readString(file));
            }
        }
    }

    /** Flyway's order: V1 < V1_1 < V2, compared number by number. */
    private static String version(Path file) {
        String[] numbers = file.getFileName().toString().substring(1).split("__")[0].split("_");
        StringBuilder key = new StringBuilder();
        for (String number : numbers) {
            key.append(String.format("%05d.", Integer.parseInt(number)));
        }
        return key.toString();
    }

    private static String engineDdl() throws IOException {
        try (InputStream ddl = DatabasesTest.class.getResourceAsStream(
                "/org/camunda/bpm/engine/db/create/activiti.postgres.create.engine.sql")) {
            return new String(ddl.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
