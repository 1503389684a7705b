package dev.outbox.sample.scheduler;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** How often the inactivity check runs: the system property {@value #PROPERTY}, ISO-8601, {@code PT1M} when unset. */
final class CheckInterval {

    static final String PROPERTY = "scheduler.inactivity-check-interval";

    static final Duration DEFAULT = Duration.ofMinutes(1);

    private CheckInterval() {
    }

    /** @return the interval; a malformed or non-positive setting stops the deployment, naming it */
    static Duration configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        Duration interval;
        try {
            interval = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(PROPERTY + " is '" + value + "', expected an ISO-8601 duration such as PT1M", e);
        }
        if (interval.toMillis() <= 0) {
            throw new IllegalStateException(PROPERTY + " must be at least a millisecond, is '" + value + "'");
        }
        return interval;
    }
}
