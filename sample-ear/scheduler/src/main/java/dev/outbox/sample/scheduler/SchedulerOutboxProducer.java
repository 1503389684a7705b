package dev.outbox.sample.scheduler;

import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Builds the scheduler service's own {@link Outbox} from {@code scheduler.outbox.*}. It sends only
 * from its timer, and names the actor on each message itself ({@code Actor.system()}): a timer acts
 * for nobody, so no resolver for a caller is needed.
 */
@ApplicationScoped
public class SchedulerOutboxProducer {

    /** Prefix of the scheduler service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "scheduler.outbox";

    @Produces
    @ApplicationScoped
    @SchedulerOutbox
    Outbox outbox() {
        // The datasource the settings name and the transaction registry are looked up in JNDI.
        return Outbox.builder().settings(OutboxSettings.fromEnvironment(CONFIGURATION_PREFIX)).build();
    }
}
