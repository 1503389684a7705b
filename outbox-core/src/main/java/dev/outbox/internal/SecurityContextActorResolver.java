package dev.outbox.internal;

import dev.outbox.Actor;
import dev.outbox.ActorResolver;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes the actor from Jakarta Security: the caller principal is the user, and each role listed in
 * {@code outbox.actor.roles} that the caller is in becomes one of its permissions. Jakarta Security
 * cannot enumerate a caller's roles, hence the list to test.
 */
@ApplicationScoped
public class SecurityContextActorResolver implements ActorResolver {

    private Instance<SecurityContext> securityContext;
    private Instance<OutboxSettings> settings;

    /** For CDI proxies only. */
    protected SecurityContextActorResolver() {
    }

    @Inject
    public SecurityContextActorResolver(Instance<SecurityContext> securityContext, Instance<OutboxSettings> settings) {
        this.securityContext = securityContext;
        this.settings = settings;
    }

    @Override
    public Optional<Actor> currentActor() {
        if (!securityContext.isResolvable()) {
            return Optional.empty();
        }
        SecurityContext context = securityContext.get();
        Principal caller = context.getCallerPrincipal();
        if (caller == null || caller.getName() == null || caller.getName().isBlank() || "anonymous".equals(caller.getName())) {
            return Optional.empty();
        }
        Set<String> roles = settings.get().actorRoles().stream()
                .filter(context::isCallerInRole)
                .collect(Collectors.toSet());
        return Optional.of(Actor.user(caller.getName(), roles));
    }
}
