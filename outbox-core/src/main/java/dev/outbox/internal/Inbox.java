package dev.outbox.internal;

import dev.outbox.Actor;
import dev.outbox.envelope.Envelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The consumer's memory of handled messages and parked keys, written through the JTA datasource
 * so it commits or rolls back with the handler's own work.
 */
public final class Inbox {

    // One statement: a concurrent duplicate waits on the unique key instead of racing a lookup.
    private static final String RECORD = "INSERT INTO outbox_inbox (consumer, message_id, message_type, sender_service, actor_kind,"
            + " actor_user, actor_permissions, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String PARKED = "SELECT message_id FROM outbox_parked_key WHERE consumer = ? AND message_key = ?";
    private static final String PARK = "INSERT INTO outbox_parked_key (consumer, message_key, message_id, reason) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String UNPARK = "DELETE FROM outbox_parked_key WHERE consumer = ? AND message_key = ?";

    private final DataSource dataSource;

    public Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records that the consumer handles this (verified) message, with its type, sender and actor, so
     * the row also tells who made the consumer act.
     *
     * @return {@code true} if the message was recorded now, {@code false} if it was handled before
     */
    public boolean record(String consumer, Envelope envelope) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(RECORD)) {
            Actor actor = envelope.actor();
            statement.setString(1, consumer);
            statement.setObject(2, envelope.id());
            statement.setString(3, envelope.type());
            statement.setString(4, envelope.sender());
            statement.setString(5, actor == null ? null : actor.kind().name());
            statement.setString(6, actor == null ? null : actor.userId());
            statement.setArray(7, connection.createArrayOf("text", actor == null ? new Object[0] : actor.permissions().toArray()));
            statement.setObject(8, envelope.correlationId());
            statement.setObject(9, envelope.causationId());
            return statement.executeUpdate() == 1;
        }
    }

    /** @return the dead-lettered message that parks the key, if the key is parked */
    public Optional<UUID> parkedBy(String consumer, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(PARKED)) {
            statement.setString(1, consumer);
            statement.setString(2, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Parks the key behind the given message, unless it is parked already. */
    public void park(String consumer, String key, UUID messageId, String reason) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(PARK)) {
            statement.setString(1, consumer);
            statement.setString(2, key);
            statement.setObject(3, messageId);
            statement.setString(4, reason);
            statement.executeUpdate();
        }
    }

    /** @return whether the key was parked */
    public boolean unpark(String consumer, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(UNPARK)) {
            statement.setString(1, consumer);
            statement.setString(2, key);
            return statement.executeUpdate() > 0;
        }
    }
}
