package dev.outbox.consumer;

import dev.outbox.OutboxException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Removes inbox entries (and recorded failures) older than the retention, in small batches, each
 * batch its own short transaction. Rows being written by running handlers are never touched and
 * rows locked by anyone are skipped, so handlers are not blocked.
 *
 * <p>The retention must exceed the longest time a message can spend between its first delivery
 * and a redelivery (broker outages, dead-letter replays): an id forgotten earlier would be
 * handled again.
 */
public final class InboxHousekeeping {

    private static final String PURGE_INBOX = "DELETE FROM outbox_inbox WHERE ctid IN (SELECT ctid FROM outbox_inbox"
            + " WHERE handled_at < now() - ? * interval '1 millisecond' LIMIT ? FOR UPDATE SKIP LOCKED)";
    private static final String PURGE_FAILURES = "DELETE FROM outbox_consumer_failure WHERE ctid IN (SELECT ctid FROM outbox_consumer_failure"
            + " WHERE last_failed_at < now() - ? * interval '1 millisecond' LIMIT ? FOR UPDATE SKIP LOCKED)";

    private final DataSource dataSource;
    private final Duration retention;
    private final int batchSize;

    /**
     * @param dataSource a datasource whose connections commit by themselves when no transaction is
     *                   active (a JTA datasource used outside a transaction does)
     */
    public InboxHousekeeping(DataSource dataSource, Duration retention, int batchSize) {
        if (retention.isNegative() || batchSize < 1) {
            throw new IllegalArgumentException("retention must not be negative and batchSize must be positive");
        }
        this.dataSource = dataSource;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    /** Removes everything older than the retention, batch after batch. @return how many rows were removed */
    public long purge() {
        try {
            return purge(PURGE_INBOX) + purge(PURGE_FAILURES);
        } catch (SQLException e) {
            throw new OutboxException("inbox housekeeping failed: " + e.getMessage(), e);
        }
    }

    private long purge(String sql) throws SQLException {
        long removed = 0;
        int batch;
        do {
            try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, retention.toMillis());
                statement.setInt(2, batchSize);
                batch = statement.executeUpdate();
            }
            removed += batch;
        } while (batch == batchSize);
        return removed;
    }
}
