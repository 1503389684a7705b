package dev.outbox.relay.capture;

import dev.outbox.relay.RelayException;

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
