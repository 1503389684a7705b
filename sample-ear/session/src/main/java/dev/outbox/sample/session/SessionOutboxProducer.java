package dev.outbox.sample.session;

import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Builds the session service's own {@link Outbox} from {@code session.outbox.*}. The session
 * backend sends only while handling the scheduler's command, so its actor is always the handled
 * message's, the system (no resolver for a caller is needed).
 */
@ApplicationScoped
public class SessionOutboxProducer {

    /** Prefix of the session service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "session.outbox";

    @Produces
    @ApplicationScoped
    @SessionOutbox
    Outbox outbox() {
        // The datasource the settings name and the transaction registry are looked up in JNDI.
        return Outbox.builder().settings(OutboxSettings.fromEnvironment(CONFIGURATION_PREFIX)).build();
    }
}
