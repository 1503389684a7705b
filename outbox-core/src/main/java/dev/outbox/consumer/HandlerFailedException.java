package dev.outbox.consumer;

import dev.outbox.OutboxException;

/**
 * A handler threw. Rethrown from the listener so the container rolls the transaction back and the
 * broker delivers the message again (or, after the last attempt, the consumer dead-letters it).
 */
public final class HandlerFailedException extends OutboxException {

    public HandlerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
