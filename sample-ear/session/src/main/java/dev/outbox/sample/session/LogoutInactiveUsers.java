package dev.outbox.sample.session;

import java.time.Instant;

/**
 * The scheduler's command: log out everyone inactive for longer than their idle timeout. Carries no
 * list of users: who is inactive is decided here, under the row locks, when the command is handled.
 *
 * @param checkedAt when the scheduler's timer fired
 */
public record LogoutInactiveUsers(Instant checkedAt) {

    /** The message type, as the scheduler sends it. */
    public static final String TYPE = "session.LogoutInactiveUsers";
}
