package dev.outbox.sample.user;

/** A user asked for what only another user may see: answered with 403. */
public class ProfileForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProfileForbiddenException(String message) {
        super(message);
    }
}
