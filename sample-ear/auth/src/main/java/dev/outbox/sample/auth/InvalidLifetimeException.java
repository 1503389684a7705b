package dev.outbox.sample.auth;

import jakarta.ejb.ApplicationException;

/** A token was asked for with a lifetime that is no positive ISO-8601 duration: answered with 400, nothing issued. */
@ApplicationException(rollback = true)
public class InvalidLifetimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidLifetimeException(String message) {
        super(message);
    }
}
