package dev.outbox.sample.session;

import dev.outbox.sample.settings.DurationSetting;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How long a user may be inactive before the scheduler's check logs them out: the server's limit
 * {@value #PROPERTY} (a system property, ISO-8601, {@code PT30M} when unset), or less if the user
 * asks for less at login, as on a shared computer.
 */
public final class IdleTimeouts {

    /** The system property holding the server's idle timeout, also the longest a login may ask for. */
    public static final String PROPERTY = "session.inactivity-timeout";

    static final Duration DEFAULT = Duration.ofMinutes(30);

    private IdleTimeouts() {
    }

    /** @return the server's idle timeout; a malformed or non-positive setting fails loudly, naming it */
    public static Duration limit() {
        return DurationSetting.positive(PROPERTY, DEFAULT);
    }

    /**
     * @param requested what the user asked for at login, or {@code null}/blank for the server's limit
     * @return the idle timeout of the session
     * @throws InvalidIdleTimeoutException if the request is not a positive duration no longer than the limit
     */
    public static Duration forLogin(String requested) {
        Duration limit = limit();
        if (requested == null || requested.isBlank()) {
            return limit;
        }
        Duration timeout;
        try {
            timeout = Duration.parse(requested.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidIdleTimeoutException("idleTimeout is '" + requested + "', expected an ISO-8601 duration such as PT5M");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
            throw new InvalidIdleTimeoutException("idleTimeout must be at least a millisecond, is '" + requested + "'");
        }
        if (timeout.compareTo(limit) > 0) {
            throw new InvalidIdleTimeoutException("idleTimeout is '" + requested + "', longer than this server's limit " + limit);
        }
        return timeout;
    }
}
