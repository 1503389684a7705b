package dev.outbox.relay.capture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The publication the relay streams from: the outbox table's inserts, nothing else. The relay needs
 * only inserts, and every update, delete or truncate a publication carries is decoded by the server
 * and by Debezium only to be ignored; with {@code outbox.table.delete-after-insert} that would double
 * the work per entry. Debezium would create the publication for all four operations, so the relay
 * creates it first, and Debezium then finds it and uses it as it is.
 */
public final class OutboxPublication {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublication.class);

    private OutboxPublication() {
    }

    /**
     * Creates the publication for the table's inserts unless it exists; an existing one is kept as it
     * is (an administrator may have made it), with a hint when it publishes more than inserts.
     *
     * @param name           the publication's name, a validated relay name
     * @param qualifiedTable the outbox table as {@code schema.table}, validated
     */
    public static void ensure(Connection connection, String name, String qualifiedTable) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT pubupdate OR pubdelete OR pubtruncate FROM pg_publication WHERE pubname = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    if (rows.getBoolean(1)) {
                        LOG.info("Publication '{}' also publishes updates, deletes or truncates, which the relay ignores;"
                                + " ALTER PUBLICATION {} SET (publish = 'insert') saves the server and the relay that work", name, name);
                    }
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE PUBLICATION " + name + " FOR TABLE " + qualifiedTable + " WITH (publish = 'insert')");
        }
        LOG.info("Created publication '{}' for the inserts into {}", name, qualifiedTable);
    }
}
