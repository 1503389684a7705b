package dev.outbox.sample.game;

import java.time.Instant;

/**
 * The session backend's event that a user was logged out; read from the message's JSON (the
 * session backend has its own class for it).
 *
 * @param user           who was logged out
 * @param sessionId      the session that ended
 * @param reason         why, e.g. {@code INACTIVE}
 * @param lastActivityAt the user's last activity
 * @param loggedOutAt    when the session ended
 */
public record UserLoggedOut(String user, long sessionId, String reason, Instant lastActivityAt, Instant loggedOutAt) {

    public static final String TYPE = "session.UserLoggedOut";
}
