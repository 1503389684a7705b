package dev.outbox.sample.session;

import jakarta.ejb.ApplicationException;

/** The caller reported activity without an active session (never logged in, or logged out since). */
@ApplicationException(rollback = true)
public class NoActiveSessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoActiveSessionException(String user) {
        super(user + " has no active session: log in again");
    }
}
