package dev.outbox.sample.scheduler;

import dev.outbox.sample.settings.DurationSetting;

import java.time.Duration;

/** How often the inactivity check runs: the system property {@value #PROPERTY}, ISO-8601, {@code PT1M} when unset. */
final class CheckInterval {

    static final String PROPERTY = "scheduler.inactivity-check-interval";

    static final Duration DEFAULT = Duration.ofMinutes(1);

    private CheckInterval() {
    }

    /** @return the interval; a malformed or non-positive setting stops the deployment, naming it */
    static Duration configured() {
        return DurationSetting.positive(PROPERTY, DEFAULT);
    }
}
