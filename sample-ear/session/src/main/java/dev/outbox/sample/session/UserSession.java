package dev.outbox.sample.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's session as they see it, and who ended it.
 *
 * @param id             the session's number
 * @param user           whose session it is
 * @param state          {@code ACTIVE} or {@code LOGGED_OUT}
 * @param idleTimeout    how long the user may be inactive before being logged out
 * @param startedAt      the login
 * @param lastActivityAt the last login or touch
 * @param endedAt        when it was logged out; {@code null} while active
 * @param endedReason    why: {@code INACTIVE}; {@code null} while active
 * @param endedBySender  the service whose message ended it (the scheduler, through its command)
 * @param endedByActor   the kind of actor of that message: {@code SYSTEM}
 * @param endedByUser    the user that message acted for; {@code null} for a system action
 * @param endedByMessage the message that ended it
 */
public record UserSession(long id, String user, String state, Duration idleTimeout, Instant startedAt, Instant lastActivityAt,
                          Instant endedAt, String endedReason, String endedBySender, String endedByActor, String endedByUser,
                          UUID endedByMessage) {
}
