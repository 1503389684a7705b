package dev.outbox.relay.publish;

import dev.outbox.envelope.Envelope;

/** What the relay sends for one captured record: an outbox entry, or one that could not be decoded. */
public sealed interface Outgoing {

    /** A decoded outbox entry, sent to the address its destination names. */
    record Entry(Envelope envelope) implements Outgoing {
    }

    /**
     * A captured record that is not a valid outbox entry. Sent, with the reason, to the relay's
     * invalid-entry address so that it can be inspected and replayed.
     *
     * @param reason      why it could not be decoded
     * @param source      {@code table} or {@code wal}
     * @param position    where it was found in the WAL, e.g. {@code lsn=0/16B3748 txId=750}
     * @param id          the entry's id as written, or {@code null} if it has none
     * @param content     the raw entry: the WAL message content, or the table row as JSON
     */
    record Undecodable(String reason, String source, String position, String id, byte[] content) implements Outgoing {
    }
}
