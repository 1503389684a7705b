package dev.outbox.relay.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The relay's own table in the application database: Debezium's source offsets, one set of rows
 * per relay name. Keys and values are the engine's serialized form (JSON bytes), kept as they are.
 */
public final class OffsetTable {

    private final String table;

    public OffsetTable(String table) {
        this.table = table;
    }

    public String name() {
        return table;
    }

    /** Creates the table if missing; needs CREATE on the schema, as the outbox table's owner has. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + " relay_name   text        NOT NULL,"
                    + " offset_key   bytea       NOT NULL,"
                    + " offset_value bytea       NOT NULL,"
                    + " updated_at   timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (relay_name, offset_key))");
        }
    }

    /** @return how many offsets are stored for the relay */
    public int count(Connection connection, String relayName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE relay_name = ?")) {
            statement.setString(1, relayName);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    String selectSql() {
        return "SELECT offset_key, offset_value FROM " + table + " WHERE relay_name = ?";
    }

    String upsertSql() {
        return "INSERT INTO " + table + " (relay_name, offset_key, offset_value) VALUES (?, ?, ?)"
                + " ON CONFLICT (relay_name, offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = now()";
    }

    String deleteSql() {
        return "DELETE FROM " + table + " WHERE relay_name = ? AND offset_key = ?";
    }

    /** @return the statement an operator runs to forget a relay's position */
    public String forgetSql(String relayName) {
        return "DELETE FROM " + table + " WHERE relay_name = '" + relayName + "'";
    }
}
