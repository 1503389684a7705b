package dev.outbox.relay.capture;

import dev.outbox.relay.RelayException;
import dev.outbox.relay.RelayUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks before capture starts, each failing with what to fix: the server decodes logically, the
 * offset table exists, and stored offsets still have their replication slot. Offsets without the
 * slot would make Debezium ask for WAL the server no longer keeps; recreating the slot silently
 * would skip whatever was committed while it was missing.
 */
public final class CapturePreflight {

    private CapturePreflight() {
    }

    /** @throws RelayException naming the problem and the remedy */
    public static void check(Connection connection, OffsetTable offsets, String relayName) throws SQLException {
        String walLevel = walLevel(connection);
        if (!"logical".equals(walLevel)) {
            throw new RelayException("PostgreSQL has wal_level=" + walLevel + "; the relay needs wal_level=logical"
                    + " (set it in postgresql.conf and restart the server)");
        }
        offsets.create(connection);
        int stored = offsets.count(connection, relayName);
        if (stored > 0 && !slotExists(connection, relayName)) {
            throw new RelayException("Offsets of relay '" + relayName + "' are stored in " + offsets.name()
                    + " but its replication slot '" + relayName + "' does not exist (dropped, or another database?)."
                    + " Entries committed since the slot was lost cannot be streamed any more. To start again from the"
                    + " current position, relay missed entries by other means if needed, then run: "
                    + offsets.forgetSql(relayName));
        }
    }

    /**
     * @return whether a database failure may go away by itself (server down, starting, restarting,
     * unreachable, out of connections, slot still held by a connection that is going away); not when
     * credentials, privileges, the database name or the server configuration must change
     */
    public static boolean isTransient(SQLException failure) {
        String state = failure.getSQLState();
        if (state == null) {
            return true;
        }
        return !(state.startsWith("28")          // invalid authorization: wrong role or password, pg_hba.conf
                || state.startsWith("3D")        // the database does not exist
                || state.equals("42501")         // insufficient privilege
                || state.equals("55000"));       // object not in prerequisite state, e.g. wal_level too low
    }

    /** @return the exception to throw for a failure to prepare capture, saying what to fix */
    public static RelayException describe(SQLException failure, String url, String role) {
        String state = failure.getSQLState();
        if (isTransient(failure)) {
            return new RelayUnavailableException("Cannot reach the database at " + url + ": " + failure.getMessage(), failure);
        }
        if (state.startsWith("28")) {
            return new RelayException("The database at " + url + " refused role '" + role + "': " + failure.getMessage()
                    + "; check outbox.db.user and outbox.db.password (OUTBOX_DB_USER, OUTBOX_DB_PASSWORD) and pg_hba.conf", failure);
        }
        if (state.startsWith("3D")) {
            return new RelayException("The database named in " + url + " does not exist: " + failure.getMessage()
                    + "; check outbox.db.url (OUTBOX_DB_URL)", failure);
        }
        return new RelayException("Cannot prepare the database at " + url + " as role '" + role + "': " + failure.getMessage()
                + " (SQLSTATE " + state + "); see the relay's README for the grants it needs", failure);
    }

    private static String walLevel(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SHOW wal_level")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static boolean slotExists(Connection connection, String slot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()")) {
            statement.setString(1, slot);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
