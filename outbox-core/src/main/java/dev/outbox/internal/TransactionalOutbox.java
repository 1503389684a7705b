package dev.outbox.internal;

import dev.outbox.ActorResolver;
import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.NoTransactionException;
import dev.outbox.Outbox;
import dev.outbox.OutboxException;
import dev.outbox.OutboxSettings;
import dev.outbox.envelope.Envelope;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox behind every {@link Outbox}: checks the caller's JTA transaction, builds and signs
 * the envelope, and writes it with plain JDBC through the transaction's datasource.
 *
 * <p>JDBC rather than JPA: the write is one statement that needs no entity in the application's
 * persistence unit, works the same with any persistence provider (or none), leaves the
 * application's persistence context and flush order alone, and can call
 * {@code pg_logical_emit_message}, which has no JPA equivalent. The container enlists the
 * connection in the caller's transaction, so the entry commits or rolls back with the business
 * data.
 */
public final class TransactionalOutbox implements Outbox {

    private static final System.Logger LOG = System.getLogger(TransactionalOutbox.class.getName());

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final EnvelopeFactory envelopes;
    private final OutboxWriter writer;
    private final Clock clock;

    public TransactionalOutbox(OutboxSettings settings, DataSource dataSource, TransactionSynchronizationRegistry transactions,
                               ActorResolver actorResolver, Clock clock) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.envelopes = new EnvelopeFactory(settings, actorResolver, clock);
        this.clock = clock;
        this.writer = settings.captureMode() == CaptureMode.WAL
                ? new WalMessageWriter(settings.walPrefix())
                : new TableWriter(settings.deleteAfterInsert());
        LOG.log(System.Logger.Level.INFO, "Outbox ready: {0}", settings);
    }

    @Override
    public UUID send(Message message) {
        requireActiveTransaction(message);
        Envelope envelope = envelopes.create(message);
        try (Connection connection = dataSource.getConnection()) {
            writer.write(connection, envelope);
        } catch (SQLException | RuntimeException e) {
            // The statement may or may not have reached the database; committing now could let the
            // business data commit without its message, so the transaction must not commit.
            markRollbackOnly();
            throw new OutboxException("writing message " + envelope.id() + " (" + envelope.type() + " to "
                    + envelope.destination() + ") failed; the transaction is marked for rollback: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.DEBUG, "Wrote {0} {1} {2} to {3} key {4}", envelope.kind(), envelope.type(),
                envelope.id(), envelope.destination(), envelope.key());
        return envelope.id();
    }

    /** Measures the delay from this outbox's clock, the one its envelopes are stamped with. */
    @Override
    public UUID schedule(Message message, java.time.Duration delay) {
        return send(message.withDeliverAt(clock.instant().plus(delay)));
    }

    private void requireActiveTransaction(Message message) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_ACTIVE) {
            return;
        }
        String what = message == null ? "a message" : "message " + message.type();
        if (status == Status.STATUS_NO_TRANSACTION) {
            throw new NoTransactionException("Outbox.send(" + what + ") requires an active JTA transaction, and there is none:"
                    + " call it from a @Transactional CDI method or a container-managed EJB method. Nothing was written.");
        }
        throw new NoTransactionException("Outbox.send(" + what + ") requires an active JTA transaction, but it is "
                + statusName(status) + ". Nothing was written.");
    }

    private void markRollbackOnly() {
        try {
            transactions.setRollbackOnly();
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not mark the transaction rollback-only", e);
        }
    }

    private static String statusName(int status) {
        return switch (status) {
            case Status.STATUS_MARKED_ROLLBACK -> "marked for rollback";
            case Status.STATUS_PREPARED, Status.STATUS_PREPARING -> "already preparing to commit";
            case Status.STATUS_COMMITTED, Status.STATUS_COMMITTING -> "already committing";
            case Status.STATUS_ROLLEDBACK, Status.STATUS_ROLLING_BACK -> "rolling back";
            default -> "in status " + status;
        };
    }
}
