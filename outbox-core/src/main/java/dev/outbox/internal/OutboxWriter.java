package dev.outbox.internal;

import dev.outbox.envelope.Envelope;

import java.sql.Connection;
import java.sql.SQLException;

/** Puts one envelope into the write-ahead log through the caller's connection and transaction. */
interface OutboxWriter {

    void write(Connection connection, Envelope envelope) throws SQLException;
}
