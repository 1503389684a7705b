package dev.outbox;

import java.util.Optional;

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
}
