package dev.outbox.sample.scheduler;

import java.time.Instant;

/**
 * The command the scheduler sends the session backend: log out whoever has been inactive too long.
 * The session backend has its own class for it; the two agree on the JSON only.
 *
 * @param checkedAt when the timer fired
 */
public record LogoutInactiveUsers(Instant checkedAt) {

    /** The message type, as the session backend's handler declares it. */
    public static final String TYPE = "session.LogoutInactiveUsers";

    /** The queue the session backend reads its commands from. */
    public static final String DESTINATION = "session.commands";
}
