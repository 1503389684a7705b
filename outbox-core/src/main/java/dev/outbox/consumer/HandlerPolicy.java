package dev.outbox.consumer;

import dev.outbox.ActionKind;
import dev.outbox.Actor;
import dev.outbox.OutboxConfigurationException;
import dev.outbox.envelope.Envelope;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may send a message type: the sender services, the kinds of action and the user permissions
 * a handler requires. Checked against the (verified) envelope before the handler runs.
 *
 * @param senders                          services allowed to send; never empty
 * @param actions                          action kinds accepted
 * @param permissions                      permissions the acting user must all hold; when not empty, only
 *                                         user actions qualify, unless the next component says otherwise
 * @param systemAcceptedWithoutPermissions whether a {@code SYSTEM} action is accepted although it holds
 *                                         none of the {@code permissions} (they are then required of user
 *                                         actions only); needs {@code SYSTEM} among the {@code actions}
 */
public record HandlerPolicy(Set<String> senders, Set<ActionKind> actions, Set<String> permissions, boolean systemAcceptedWithoutPermissions) {

    /** A policy under which required permissions refuse every system action. */
    public HandlerPolicy(Set<String> senders, Set<ActionKind> actions, Set<String> permissions) {
        this(senders, actions, permissions, false);
    }

    public HandlerPolicy {
        senders = Set.copyOf(senders);
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        permissions = Set.copyOf(permissions);
        if (senders.isEmpty()) {
            throw new OutboxConfigurationException(List.of("a handler policy must name at least one sender service"));
        }
        if (actions.isEmpty()) {
            throw new OutboxConfigurationException(List.of("a handler policy must accept at least one action kind"));
        }
        if (systemAcceptedWithoutPermissions && !actions.contains(ActionKind.SYSTEM)) {
            throw new OutboxConfigurationException(List.of("a handler policy that accepts SYSTEM actions without permissions"
                    + " must list SYSTEM among its actions (it lists " + actions + ")"));
        }
    }

    /** Accepts every kind of action from the given services, requiring no permission. */
    public static HandlerPolicy from(String... senders) {
        return new HandlerPolicy(Set.of(senders), EnumSet.allOf(ActionKind.class), Set.of());
    }

    /** @return this policy accepting only the given kinds of action */
    public HandlerPolicy actions(ActionKind... kinds) {
        return new HandlerPolicy(senders, Set.of(kinds), permissions, systemAcceptedWithoutPermissions);
    }

    /** @return this policy requiring the acting user to hold every given permission */
    public HandlerPolicy permissions(String... required) {
        return new HandlerPolicy(senders, actions, Set.of(required), systemAcceptedWithoutPermissions);
    }

    /**
     * @return this policy also accepting {@code SYSTEM} actions, which hold no permissions, while users
     *         must still hold the required ones: for a message the system may legitimately cause on
     *         its own (a notification after a scheduled job) as well as a permitted user
     */
    public HandlerPolicy acceptSystemWithoutPermissions() {
        return new HandlerPolicy(senders, actions, permissions, true);
    }

    /** @return why the envelope is refused, or empty if it may be handled */
    public Optional<String> refusal(Envelope envelope) {
        if (!senders.contains(envelope.sender())) {
            return Optional.of("sender '" + envelope.sender() + "' may not send " + envelope.type() + " (allowed: " + senders + ")");
        }
        Actor actor = envelope.actor();
        if (actor == null) {
            return Optional.of("message names no actor");
        }
        if (!actions.contains(actor.kind())) {
            return Optional.of(actor.kind() + " actions may not send " + envelope.type() + " (allowed: " + actions + ")");
        }
        if (!permissions.isEmpty()) {
            if (actor.kind() == ActionKind.SYSTEM) {
                if (systemAcceptedWithoutPermissions) {
                    return Optional.empty();
                }
                return Optional.of("a SYSTEM action cannot hold the user permissions " + permissions + " that " + envelope.type() + " requires");
            }
            if (!actor.permissions().containsAll(permissions)) {
                return Optional.of("user '" + actor.userId() + "' lacks permissions " + missing(actor.permissions()) + " for " + envelope.type());
            }
        }
        return Optional.empty();
    }

    private Set<String> missing(Set<String> held) {
        return permissions.stream().filter(p -> !held.contains(p)).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
