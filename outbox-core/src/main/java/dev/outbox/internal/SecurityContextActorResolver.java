package dev.outbox.internal;

import dev.outbox.Actor;
import dev.outbox.ActorResolver;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.Optional;

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
        return SecurityContextActors.resolve(securityContext.get(), settings.get().actorRoles());
    }
}
