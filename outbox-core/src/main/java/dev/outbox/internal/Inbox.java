package dev.outbox.internal;

import dev.outbox.Actor;
import dev.outbox.envelope.Envelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The consumer's memory of handled messages and parked keys, written through the JTA datasource
 * so it commits or rolls back with the handler's own work.
 */
public final class Inbox {

    // One statement, one round trip, for what every message needs: is its key parked behind another
    // message, and if not, record it. A concurrent duplicate waits on the unique key instead of
    // racing a lookup.
    private static final String ADMIT = "WITH parked AS ("
            + "SELECT message_id FROM outbox_parked_key WHERE consumer = ? AND message_key = ?"
            + "), recorded AS ("
            + "INSERT INTO outbox_inbox (consumer, message_id, message_type, sender_service, actor_kind, actor_user,"
            + " actor_permissions, correlation_id, causation_id)"
            + " SELECT ?, ?::uuid, ?, ?, ?, ?, ?::text[], ?::uuid, ?::uuid WHERE NOT EXISTS (SELECT 1 FROM parked WHERE message_id <> ?::uuid)"
            + " ON CONFLICT DO NOTHING RETURNING 1"
            + ") SELECT (SELECT message_id FROM parked), EXISTS (SELECT 1 FROM recorded)";
    private static final String PARK = "INSERT INTO outbox_parked_key (consumer, message_key, message_id, reason) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String UNPARK = "DELETE FROM outbox_parked_key WHERE consumer = ? AND message_key = ?";

    private final DataSource dataSource;

    public Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #admit} found: the message recorded now, handled before, or kept out by a parked key. */
    public record Admission(boolean recorded, UUID parkedBy) {

        /** @return whether the key is parked behind a dead letter other than this message */
        public boolean parkedBehindAnother(UUID messageId) {
            return parkedBy != null && !parkedBy.equals(messageId);
        }
    }

    /**
     * Records that the consumer handles this (verified) message, with its type, sender and actor, so
     * the row also tells who made the consumer act, unless its key is parked behind another message.
     * A message that parks its key itself (a replayed dead letter) is recorded.
     *
     * @return whether it was recorded now (not when it was handled before, or its key is parked
     *         behind another message), and the message its key is parked behind, if any
     */
    public Admission admit(String consumer, Envelope envelope) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(ADMIT)) {
            Actor actor = envelope.actor();
            statement.setString(1, consumer);
            statement.setString(2, envelope.key());
            statement.setString(3, consumer);
            statement.setObject(4, envelope.id());
            statement.setString(5, envelope.type());
            statement.setString(6, envelope.sender());
            statement.setString(7, actor == null ? null : actor.kind().name());
            statement.setString(8, actor == null ? null : actor.userId());
            statement.setArray(9, connection.createArrayOf("text", actor == null ? new Object[0] : actor.permissions().toArray()));
            statement.setObject(10, envelope.correlationId());
            statement.setObject(11, envelope.causationId());
            statement.setObject(12, envelope.id());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new Admission(result.getBoolean(2), result.getObject(1, UUID.class));
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
