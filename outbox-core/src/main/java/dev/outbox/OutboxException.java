package dev.outbox;

/**
 * Root of every exception the outbox raises. Unchecked, so that a failure inside a transactional
 * method marks the caller's transaction for rollback the way any other runtime exception does.
 */
public class OutboxException extends RuntimeException {

    public OutboxException(String message) {
        super(message);
    }

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
