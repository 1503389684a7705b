package dev.outbox.sample.game;

import dev.outbox.Actor;
import dev.outbox.ActorResolver;

import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authenticated caller acts, with those of the service's listed roles the caller holds as
 * permissions. Jakarta Security cannot list a caller's roles, so the configured ones are tested.
 * Not a CDI bean of type {@code ActorResolver}: the resolver belongs to one service's outbox.
 */
final class CallerActorResolver implements ActorResolver {

    private final SecurityContext securityContext;
    private final Set<String> roles;

    CallerActorResolver(SecurityContext securityContext, Set<String> roles) {
        this.securityContext = securityContext;
        this.roles = Set.copyOf(roles);
    }

    @Override
    public Optional<Actor> currentActor() {
        Principal caller = securityContext.getCallerPrincipal();
        if (caller == null || caller.getName() == null || caller.getName().isBlank() || "anonymous".equals(caller.getName())) {
            return Optional.empty();
        }
        Set<String> held = roles.stream().filter(securityContext::isCallerInRole).collect(Collectors.toSet());
        return Optional.of(Actor.user(caller.getName(), held));
    }
}
