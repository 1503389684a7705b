package dev.outbox.sample.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A positive ISO-8601 duration read from a system property, such as {@code PT2M}: a deadline, an
 * interval, a limit. Read at each call, so a changed property takes effect without a redeployment.
 */
public final class DurationSetting {

    private DurationSetting() {
    }

    /**
     * @param property     the system property
     * @param defaultValue used when the property is unset or blank
     * @throws IllegalStateException naming the property when its value is no ISO-8601 duration, or is
     *                               shorter than a millisecond
     */
    public static Duration positive(String property, Duration defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        Duration duration;
        try {
            duration = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(property + " is '" + value + "', expected an ISO-8601 duration such as " + defaultValue, e);
        }
        if (duration.toMillis() <= 0) {
            throw new IllegalStateException(property + " must be at least a millisecond, is '" + value + "'");
        }
        return duration;
    }
}
