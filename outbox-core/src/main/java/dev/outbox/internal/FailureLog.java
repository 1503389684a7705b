package dev.outbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Remembers the last error of a message whose handler failed. Written in a transaction of its
 * own, because the failing transaction rolls back; read when the attempts are used up, so the
 * dead letter can say what went wrong.
 */
public final class FailureLog {

    private static final System.Logger LOG = System.getLogger(FailureLog.class.getName());

    private static final String RECORD = "INSERT INTO outbox_consumer_failure (consumer, message_id, attempts, last_error)"
            + " VALUES (?, ?, 1, ?) ON CONFLICT (consumer, message_id) DO UPDATE"
            + " SET attempts = outbox_consumer_failure.attempts + 1, last_error = EXCLUDED.last_error, last_failed_at = now()";
    private static final String LAST_ERROR = "SELECT last_error FROM outbox_consumer_failure WHERE consumer = ? AND message_id = ?";
    private static final String FORGET = "DELETE FROM outbox_consumer_failure WHERE consumer = ? AND message_id = ?";

    private final DataSource dataSource;
    private final Consumer<Runnable> inNewTransaction;

    /**
     * @param inNewTransaction runs work in a new transaction, the caller's suspended meanwhile
     */
    public FailureLog(DataSource dataSource, Consumer<Runnable> inNewTransaction) {
        this.dataSource = dataSource;
        this.inNewTransaction = inNewTransaction;
    }

    /** Records a failure; never throws, since the original failure is what matters. */
    public void record(String consumer, UUID messageId, Throwable error) {
        try {
            inNewTransaction.accept(() -> {
                try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(RECORD)) {
                    statement.setString(1, consumer);
                    statement.setObject(2, messageId);
                    statement.setString(3, describe(error));
                    statement.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not record the failure of message " + messageId + " for " + consumer, e);
        }
    }

    public Optional<String> lastError(String consumer, UUID messageId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(LAST_ERROR)) {
            statement.setString(1, consumer);
            statement.setObject(2, messageId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
            }
        }
    }

    /** Forgets a message's failures, in the caller's transaction. */
    public void forget(String consumer, UUID messageId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(FORGET)) {
            statement.setString(1, consumer);
            statement.setObject(2, messageId);
            statement.executeUpdate();
        }
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
