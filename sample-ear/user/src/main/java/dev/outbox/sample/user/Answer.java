package dev.outbox.sample.user;

/** What the user backend answered a call for a profile, as the audit records it. */
public enum Answer {
    /** The whole profile: the user acted for asked for their own. */
    FULL(200),
    /** The public part only: another user's profile. */
    PUBLIC(200),
    /** No such profile. */
    NOT_FOUND(404),
    /** The user's token is missing or refused by the auth backend. */
    UNAUTHENTICATED(401),
    /** The caller may not call, or not for this user, or the user may not read profiles. */
    FORBIDDEN(403),
    /** The auth backend could not be asked about the token. */
    UNAVAILABLE(503);

    private final int status;

    Answer(int status) {
        this.status = status;
    }

    /** @return the HTTP status the call is answered with */
    public int status() {
        return status;
    }

    public boolean granted() {
        return this == FULL || this == PUBLIC;
    }
}
