package dev.outbox;

/** How a message enters the write-ahead log for the relay to capture. */
public enum CaptureMode {
    /** A row in {@code outbox_message} (optionally deleted in the same transaction). */
    TABLE,
    /** A transactional logical decoding message, {@code pg_logical_emit_message}; no table is touched. */
    WAL
}
