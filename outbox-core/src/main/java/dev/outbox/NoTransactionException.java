package dev.outbox;

/**
 * An {@link Outbox} was used outside an active JTA transaction. Nothing was written: a message
 * must never leave a service unless the work it reports commits with it.
 */
public final class NoTransactionException extends OutboxException {

    public NoTransactionException(String message) {
        super(message);
    }
}
