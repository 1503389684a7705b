package dev.outbox.sample.session;

import java.time.Instant;

/**
 * The event this backend publishes when a session ends: whoever keeps state for logged-in users
 * (the game backend, its players' seats) subscribes to the topic.
 *
 * @param user           who was logged out
 * @param sessionId      the session that ended
 * @param reason         why: {@code INACTIVE}
 * @param lastActivityAt the user's last activity in that session
 * @param loggedOutAt    when the session ended
 */
public record UserLoggedOut(String user, long sessionId, String reason, Instant lastActivityAt, Instant loggedOutAt) {

    /** The event type. */
    public static final String TYPE = "session.UserLoggedOut";

    /** The multicast address (topic) the event is published to; each subscriber has its own subscription. */
    public static final String DESTINATION = "session.events";
}
