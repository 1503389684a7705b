package dev.outbox.sample.game;

import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/**
 * Builds the game service's {@link Outbox}.
 *
 * <p>Several services share this EAR, and each must send under its own name and sign with its own
 * key. outbox-core's injectable {@code Outbox} reads the single {@code outbox.*} configuration of
 * the whole deployment, so each service instead builds its own outbox from its own prefix
 * ({@code game.outbox.service-name}, {@code game.outbox.signing.key}, ...) and offers it under a
 * qualifier. Moving the game backend into a deployment of its own changes nothing but the prefix.
 */
@ApplicationScoped
public class GameOutboxProducer {

    /** Prefix of the game service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "game.outbox";

    @Inject
    SecurityContext securityContext;

    @Produces
    @ApplicationScoped
    @GameOutbox
    Outbox outbox() {
        OutboxSettings settings = OutboxSettings.fromEnvironment(CONFIGURATION_PREFIX);
        return Outbox.builder()
                .settings(settings)
                .actorResolver(new CallerActorResolver(securityContext, settings.actorRoles()))
                .build();
    }
}
