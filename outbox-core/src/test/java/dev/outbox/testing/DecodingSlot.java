package dev.outbox.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code test_decoding} replication slot: shows exactly what a logical decoding client (such as
 * the relay) would see of the transactions committed after it was created.
 */
public final class DecodingSlot implements AutoCloseable {

    private final TestDatabase database;
    private final String name;

    public DecodingSlot(TestDatabase database, String name) throws SQLException {
        this.database = database;
        this.name = name;
        try (Connection connection = database.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_logical_replication_slot('" + name + "', 'test_decoding')");
        }
    }

    /** @return the decoded changes since the last call, one line each, consuming them */
    public List<String> changes() throws SQLException {
        List<String> changes = new ArrayList<>();
        try (Connection connection = database.adminConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT data FROM pg_logical_slot_get_changes('" + name + "', NULL, NULL)")) {
            while (result.next()) {
                changes.add(result.getString(1));
            }
        }
        return changes;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = database.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot('" + name + "')");
        }
    }
}
