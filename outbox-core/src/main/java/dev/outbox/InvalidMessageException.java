package dev.outbox;

/**
 * A message was rejected before anything was written: a required field is missing, a value has
 * the wrong form, the payload cannot be serialized or is larger than allowed. The message names
 * the field and what was wrong with it.
 */
public final class InvalidMessageException extends OutboxException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
