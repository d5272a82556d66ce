package io.oasis.faults.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads where each order is from the order database, so the workload knows which step to drive next without
 * spending the callers' rate budgets on polling the API. A lost connection (the database restarting, a partition)
 * is opened again on the next read.
 */
final class OrderStatuses implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    OrderStatuses(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The status of each of {@code ids} the database has. */
    synchronized Map<UUID, String> of(Collection<UUID> ids) throws SQLException {
        Map<UUID, String> statuses = new HashMap<>();
        if (ids.isEmpty()) {
            return statuses;
        }
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, user, password);
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, status FROM customer_order WHERE id = ANY (?)")) {
                query.setQueryTimeout(5);
                query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        statuses.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                }
            }
            return statuses;
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken: nothing to release.
            }
            connection = null;
        }
    }
}
