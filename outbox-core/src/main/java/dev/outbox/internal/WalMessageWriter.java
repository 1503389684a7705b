package dev.outbox.internal;

import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.WalMessageCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Emits the envelope as a transactional logical decoding message. Transactional matters: a
 * non-transactional message would be decoded even if the caller's transaction rolled back.
 */
final class WalMessageWriter implements OutboxWriter {

    private static final String EMIT = "SELECT pg_logical_emit_message(true, ?, ?::text)";

    private final String prefix;

    WalMessageWriter(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void write(Connection connection, Envelope envelope) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EMIT)) {
            statement.setString(1, prefix);
            statement.setString(2, WalMessageCodec.encode(envelope));
            statement.execute();
        }
    }
}
