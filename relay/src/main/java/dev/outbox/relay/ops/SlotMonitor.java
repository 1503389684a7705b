package dev.outbox.relay.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Watches the relay's replication slot from a connection of its own: whether the database answers,
 * how far the slot's confirmed position is behind the server's current WAL position, and how much
 * WAL the slot makes the server retain. {@link #refresh} is called periodically; readers see the
 * last result.
 */
public final class SlotMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlotMonitor.class);
    private static final String QUERY = "SELECT s.active,"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn),"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)"
            + " FROM pg_replication_slots s WHERE s.slot_name = ? AND s.database = current_database()";

    /**
     * What the last refresh found.
     *
     * @param problem          {@code null} when the database answered, else why not
     * @param slotExists       whether the slot exists
     * @param slotActive       whether a connection streams from the slot
     * @param lagBytes         WAL bytes between the slot's confirmed position and the server's current one, -1 if unknown
     * @param retainedWalBytes WAL bytes the slot keeps from being recycled, -1 if unknown
     */
    public record Status(String problem, boolean slotExists, boolean slotActive, long lagBytes, long retainedWalBytes) {
        static Status unavailable(String problem) {
            return new Status(problem, false, false, -1, -1);
        }
    }

    private final String url;
    private final Properties credentials;
    private final String slot;
    private Connection connection;
    private volatile Status status = Status.unavailable("not checked yet");

    public SlotMonitor(String url, String user, String password, String slot) {
        this.url = url;
        this.slot = slot;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password == null ? "" : password);
        credentials.setProperty("ApplicationName", "outbox-relay-monitor");
        credentials.setProperty("connectTimeout", "5");
        credentials.setProperty("socketTimeout", "10");
        credentials.setProperty("loginTimeout", "10");
    }

    /** Queries the slot now; never throws. */
    public synchronized Status refresh() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, credentials);
            }
            try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
                statement.setString(1, slot);
                try (ResultSet rows = statement.executeQuery()) {
                    status = rows.next()
                            ? new Status(null, true, rows.getBoolean(1), number(rows, 2), number(rows, 3))
                            : new Status(null, false, false, -1, -1);
                }
            }
        } catch (SQLException e) {
            if (status.problem() == null) {
                LOG.warn("The database does not answer: {}", e.getMessage());
            }
            status = Status.unavailable("cannot query the database: " + e.getMessage());
            closeConnection();
        }
        return status;
    }

    private static long number(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? -1 : value;
    }

    /** @return what the last refresh found */
    public Status status() {
        return status;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Discarded either way.
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }
}
