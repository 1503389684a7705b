package dev.outbox.sample.auth;

import java.time.Instant;
import java.util.Set;

/**
 * The auth backend's answer about a token.
 *
 * @param state       {@code VALID}, or why not: {@code UNKNOWN}, {@code EXPIRED}, {@code REVOKED}
 * @param user        whose token it is; {@code null} when unknown
 * @param permissions what it carries; empty unless valid
 * @param issuedAt    when it was issued; {@code null} when unknown
 * @param expiresAt   when it expires (or expired); {@code null} when unknown
 * @param revokedAt   when it was revoked; {@code null} unless revoked
 */
public record TokenCheck(State state, String user, Set<String> permissions, Instant issuedAt, Instant expiresAt, Instant revokedAt) {

    /** Whether the token may be used, or why not. */
    public enum State { VALID, UNKNOWN, EXPIRED, REVOKED }

    static TokenCheck unknown() {
        return new TokenCheck(State.UNKNOWN, null, Set.of(), null, null, null);
    }

    public boolean valid() {
        return state == State.VALID;
    }

    /** @return why the token is refused, for its holder; only for a token that is not valid */
    public String refusal() {
        return switch (state) {
            case VALID -> throw new IllegalStateException("a valid token is not refused");
            case UNKNOWN -> "unknown token: it was never issued here";
            case EXPIRED -> "token of " + user + " expired at " + expiresAt;
            case REVOKED -> "token of " + user + " was revoked at " + revokedAt;
        };
    }
}
