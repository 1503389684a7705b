package dev.outbox.sample.session;

import jakarta.ejb.ApplicationException;

/** A login asked for an idle timeout that is not a positive ISO-8601 duration within the server's limit. */
@ApplicationException(rollback = true)
public class InvalidIdleTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidIdleTimeoutException(String message) {
        super(message);
    }
}
