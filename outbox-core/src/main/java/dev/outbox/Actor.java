package dev.outbox;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * On whose behalf a message is sent: the kind of action, the user it acts for and the
 * permissions that user holds. Travels in every envelope and is covered by its signature.
 *
 * <pre>{@code
 * Actor.user("alice", Set.of("player"));          // alice clicked "leave game"
 * Actor.proxiedUser("alice", Set.of("player"));   // a service acts for alice, with her permissions only
 * Actor.system();                                  // a timer, nobody's permissions
 * }</pre>
 *
 * @param kind        why the action happens
 * @param userId      the user acted for; {@code null} exactly when {@code kind} is {@link ActionKind#SYSTEM}
 * @param permissions the user's roles or permissions, sorted; empty for a system action
 */
public record Actor(ActionKind kind, String userId, Set<String> permissions) {

    private static final Pattern PERMISSION = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]{1,128}");
    private static final int MAX_USER_ID_LENGTH = 255;

    public Actor {
        if (kind == null) {
            throw new InvalidMessageException("actor.kind is required (USER, PROXIED_USER or SYSTEM)");
        }
        permissions = sortedCopy(permissions);
        if (kind == ActionKind.SYSTEM) {
            // A system action must not be able to borrow a user's identity or permissions.
            if (userId != null) {
                throw new InvalidMessageException("actor.userId must be empty for a SYSTEM action, was '" + userId + "'");
            }
            if (!permissions.isEmpty()) {
                throw new InvalidMessageException("actor.permissions must be empty for a SYSTEM action, was " + permissions);
            }
        } else {
            if (userId == null || userId.isBlank()) {
                throw new InvalidMessageException("actor.userId is required for a " + kind + " action");
            }
            if (userId.length() > MAX_USER_ID_LENGTH || userId.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidMessageException("actor.userId must be at most " + MAX_USER_ID_LENGTH
                        + " characters without control characters, was '" + userId + "'");
            }
        }
    }

    /** The user took this action themselves. */
    public static Actor user(String userId, Collection<String> permissions) {
        return new Actor(ActionKind.USER, userId, Set.copyOf(permissions));
    }

    /** A service acts on the user's behalf, limited to the user's own permissions. */
    public static Actor proxiedUser(String userId, Collection<String> permissions) {
        return new Actor(ActionKind.PROXIED_USER, userId, Set.copyOf(permissions));
    }

    /** The service acts on its own initiative, for nobody. */
    public static Actor system() {
        return new Actor(ActionKind.SYSTEM, null, Set.of());
    }

    /** The same user and permissions, now acted for by a service rather than by the user in person. */
    public Actor asProxy() {
        return kind == ActionKind.USER ? new Actor(ActionKind.PROXIED_USER, userId, permissions) : this;
    }

    private static Set<String> sortedCopy(Set<String> permissions) {
        if (permissions == null) {
            return Set.of();
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String permission : permissions) {
            if (permission == null || !PERMISSION.matcher(permission).matches()) {
                throw new InvalidMessageException("actor.permissions: '" + permission
                        + "' is not a valid permission (1-128 printable ASCII characters, no space or comma)");
            }
            sorted.add(permission);
        }
        return java.util.Collections.unmodifiableSortedSet(sorted);
    }
}
