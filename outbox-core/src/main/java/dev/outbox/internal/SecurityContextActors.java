package dev.outbox.internal;

import dev.outbox.Actor;

import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The caller of Jakarta Security as an actor: the principal is the user, roles become permissions. */
public final class SecurityContextActors {

    private SecurityContextActors() {
    }

    /**
     * @param roles the roles to test with {@code isCallerInRole}; Jakarta Security cannot list a caller's roles
     * @return the authenticated caller, or empty for an anonymous one
     */
    public static Optional<Actor> resolve(SecurityContext context, Set<String> roles) {
        Principal caller = context == null ? null : context.getCallerPrincipal();
        if (caller == null || caller.getName() == null || caller.getName().isBlank() || "anonymous".equals(caller.getName())) {
            return Optional.empty();
        }
        return Optional.of(Actor.user(caller.getName(), roles.stream().filter(context::isCallerInRole).collect(Collectors.toSet())));
    }
}
