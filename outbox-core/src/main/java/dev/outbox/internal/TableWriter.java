package dev.outbox.internal;

import dev.outbox.Actor;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.OutboxColumns;
import dev.outbox.envelope.Payload;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Inserts the envelope into {@code outbox_message}. With delete-after-insert the row is deleted by
 * the same statement text, one round trip: the WAL keeps the insert for the relay while the table
 * stays empty and accumulates no dead tuples to vacuum.
 */
final class TableWriter implements OutboxWriter {

    private static final String INSERT = "INSERT INTO " + OutboxColumns.TABLE + " (id, destination, message_kind, message_key,"
            + " message_type, payload, payload_bytes, content_type, headers, created_at, deliver_at, correlation_id,"
            + " causation_id, sender_service, actor_kind, actor_user, actor_permissions, signature_key_id, signature)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM " + OutboxColumns.TABLE + " WHERE id = ?";

    private final boolean deleteAfterInsert;

    TableWriter(boolean deleteAfterInsert) {
        this.deleteAfterInsert = deleteAfterInsert;
    }

    @Override
    public void write(Connection connection, Envelope envelope) throws SQLException {
        String sql = deleteAfterInsert ? INSERT + ";\n" + DELETE : INSERT;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, envelope);
            if (deleteAfterInsert) {
                statement.setObject(20, envelope.id());
            }
            statement.execute();
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, Envelope envelope) throws SQLException {
        Payload payload = envelope.payload();
        Actor actor = envelope.actor();
        statement.setObject(1, envelope.id());
        statement.setString(2, envelope.destination());
        statement.setString(3, envelope.kind().name());
        statement.setString(4, envelope.key());
        statement.setString(5, envelope.type());
        if (payload.isText()) {
            statement.setString(6, payload.text());
            statement.setNull(7, Types.BINARY);
        } else {
            statement.setNull(6, Types.VARCHAR);
            statement.setBytes(7, payload.bytes());
        }
        statement.setString(8, payload.contentType());
        statement.setString(9, OutboxColumns.headersJson(envelope.headers()));
        statement.setObject(10, OffsetDateTime.ofInstant(envelope.createdAt(), ZoneOffset.UTC));
        statement.setObject(11, envelope.deliverAt() == null ? null : OffsetDateTime.ofInstant(envelope.deliverAt(), ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(12, envelope.correlationId(), Types.OTHER);
        statement.setObject(13, envelope.causationId(), Types.OTHER);
        statement.setString(14, envelope.sender());
        statement.setString(15, actor == null ? null : actor.kind().name());
        statement.setString(16, actor == null ? null : actor.userId());
        Array permissions = connection.createArrayOf("text", actor == null ? new Object[0] : actor.permissions().toArray());
        statement.setArray(17, permissions);
        statement.setString(18, envelope.signature() == null ? null : envelope.signature().keyId());
        statement.setString(19, envelope.signature() == null ? null : envelope.signature().value());
    }
}
