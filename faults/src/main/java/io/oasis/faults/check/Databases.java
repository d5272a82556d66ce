package io.oasis.faults.check;

import io.oasis.faults.check.Observations.Sms;
import io.oasis.faults.check.Observations.StatusChange;
import io.oasis.faults.check.Observations.Stuck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the order and notification databases say after a run (read-only queries):
 * orders and their status history, the engine's incidents, dead letters, events the outbox never published and
 * deliveries that are neither done nor waiting for a retry on schedule.
 */
public final class Databases {

    /** A delivery due this long ago and not attempted is not being retried on schedule. */
    static final String OVERDUE = "2 minutes";
    private static final String UNDEFINED_TABLE = "42P01";

    private final String orderUrl;
    private final String notificationUrl;
    private final String user;
    private final String password;

    public Databases(String orderUrl, String notificationUrl, String user, String password) {
        this.orderUrl = orderUrl;
        this.notificationUrl = notificationUrl;
        this.user = user;
        this.password = password;
    }

    public Map<UUID, String> orderStatuses(Collection<UUID> ids) throws SQLException {
        Map<UUID, String> statuses = new HashMap<>();
        try (Connection db = open(orderUrl);
                PreparedStatement query = db.prepareStatement("SELECT id, status FROM customer_order WHERE id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        return statuses;
    }

    public List<StatusChange> statusChanges(Collection<UUID> ids) throws SQLException {
        List<StatusChange> changes = new ArrayList<>();
        try (Connection db = open(orderUrl); PreparedStatement query = db.prepareStatement(
                "SELECT order_id, to_status FROM order_status_change WHERE order_id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    changes.add(new StatusChange(rows.getObject(1, UUID.class), rows.getString(2)));
                }
            }
        }
        return changes;
    }

    /** The SMS the delivery log says went out: one per notification accepted by the provider. */
    public List<Sms> sentSms() throws SQLException {
        List<Sms> sent = new ArrayList<>();
        try (Connection db = open(notificationUrl); PreparedStatement query = db.prepareStatement(
                "SELECT recipient, body_text FROM notification WHERE channel IN ('sms', 'SMS') "
                        + "AND status IN ('SENT', 'DELIVERED')");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                sent.add(new Sms(rows.getString(1), rows.getString(2)));
            }
        }
        return sent;
    }

    /** Everything left for a person to sort out once the system has settled. */
    public List<Stuck> stuck() throws SQLException {
        List<Stuck> stuck = new ArrayList<>();
        try (Connection db = open(orderUrl)) {
            collect(db, "incident", "SELECT activity_id_ || ': ' || coalesce(incident_msg_, incident_type_) "
                    + "FROM act_ru_incident", stuck);
            collect(db, "dead letter (order)", "SELECT consumer || ' ' || coalesce(event_id, '') || ': ' || error "
                    + "FROM dead_letter_event", stuck);
            collect(db, "unpublished event (order)", "SELECT event_type || ' ' || event_id || ' of ' || aggregate_id "
                    + "FROM outbox_event WHERE published_at IS NULL", stuck);
        }
        try (Connection db = open(notificationUrl)) {
            collect(db, "dead letter (notification)", "SELECT consumer || ' ' || coalesce(event_id, '') || ': ' "
                    + "|| error FROM dead_letter_event", stuck);
            collect(db, "unpublished event (notification)", "SELECT event_type || ' ' || event_id FROM outbox_event "
                    + "WHERE published_at IS NULL", stuck);
            collect(db, "delivery gave up", "SELECT channel || ' ' || id || ' after ' || attempt_count "
                    + "|| ' attempts: ' || coalesce(last_error, '') FROM notification WHERE status = 'DEAD'", stuck);
            collect(db, "delivery not retried", "SELECT channel || ' ' || id || ' due ' || next_attempt_at "
                    + "FROM notification WHERE status = 'PENDING' AND next_attempt_at < now() - interval '" + OVERDUE
                    + "' AND (claimed_until IS NULL OR claimed_until < now())", stuck);
        }
        return stuck;
    }

    /** Notifications a subscription's deliveries ended in, by status: to show a 410 disabled it and none vanished. */
    public Map<String, Integer> webhookDeliveries(String subscriptionId) throws SQLException {
        Map<String, Integer> byStatus = new HashMap<>();
        try (Connection db = open(notificationUrl); PreparedStatement query = db.prepareStatement(
                "SELECT status, count(*) FROM notification WHERE subscription_id = ?::uuid GROUP BY status")) {
            query.setString(1, subscriptionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byStatus.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return byStatus;
    }

    /** The subscription's status (ACTIVE or DISABLED). */
    public String subscriptionStatus(String subscriptionId) throws SQLException {
        try (Connection db = open(notificationUrl); PreparedStatement query = db.prepareStatement(
                "SELECT status FROM webhook_subscription WHERE id = ?::uuid")) {
            query.setString(1, subscriptionId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** Events of either service's outbox not yet published: zero once the relays caught up. */
    public int unpublishedEvents() throws SQLException {
        int count = 0;
        for (String url : List.of(orderUrl, notificationUrl)) {
            try (Connection db = open(url); PreparedStatement query = db.prepareStatement(
                    "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
                    ResultSet rows = query.executeQuery()) {
                rows.next();
                count += rows.getInt(1);
            } catch (SQLException e) {
                if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return count;
    }

    private static void collect(Connection db, String kind, String sql, List<Stuck> into) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                into.add(new Stuck(kind, rows.getString(1)));
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            // This service has no such table (no outbox, say): nothing of that kind can be stuck in it.
        }
    }

    private Connection open(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setReadOnly(true);
        return connection;
    }
}
