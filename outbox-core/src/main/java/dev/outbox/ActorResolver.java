package dev.outbox;

import dev.outbox.internal.SecurityContextActors;

import jakarta.security.enterprise.SecurityContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells the outbox on whose behalf the current caller acts. The default CDI implementation reads
 * the Jakarta Security context; replace it with a CDI {@code @Alternative @Priority} bean where
 * the container's roles are not enough (for example to list fine-grained permissions).
 */
@FunctionalInterface
public interface ActorResolver {

    /** Resolves nobody: messages become system actions unless they name an actor. */
    ActorResolver NONE = Optional::empty;

    /** @return the actor of the current caller, or empty when there is no authenticated user */
    Optional<Actor> currentActor();

    /**
     * The caller of Jakarta Security, for an {@link Outbox} built by hand (for example one of
     * several services in one application, each with its own roles):
     *
     * <pre>{@code
     * Outbox.builder()...actorResolver(ActorResolver.fromSecurityContext(() -> securityContext, Set.of("player")))
     * }</pre>
     *
     * @param roles the roles tested with {@code isCallerInRole}; those the caller is in become permissions
     */
    static ActorResolver fromSecurityContext(Supplier<SecurityContext> securityContext, Set<String> roles) {
        Set<String> tested = Set.copyOf(roles);
        return () -> SecurityContextActors.resolve(securityContext.get(), tested);
    }
}
