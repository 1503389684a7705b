package dev.outbox.sample.tickets;

import dev.outbox.ActorResolver;
import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/**
 * Builds the tickets service's own {@link Outbox} from {@code tickets.outbox.*}, as the game
 * service does with its prefix: every service of the EAR sends under its own name and key. The
 * caller acts, with those of {@code tickets.outbox.actor.roles} it holds as permissions.
 */
@ApplicationScoped
public class TicketsOutboxProducer {

    /** Prefix of the tickets service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "tickets.outbox";

    @Inject
    SecurityContext securityContext;

    @Produces
    @ApplicationScoped
    @TicketsOutbox
    Outbox outbox() {
        OutboxSettings settings = OutboxSettings.fromEnvironment(CONFIGURATION_PREFIX);
        return Outbox.builder()
                .settings(settings)
                .actorResolver(ActorResolver.fromSecurityContext(() -> securityContext, settings.actorRoles()))
                .build();
    }
}
