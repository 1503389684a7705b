package dev.outbox.consumer;

import dev.outbox.ActionKind;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the handler of one message type, and declares next to it who
 * may send that message. The method takes the payload (deserialized with JSON-B, or as
 * {@code String} or {@code byte[]}) and, optionally, the {@link ReceivedMessage}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class NotifyPlayersHandler {
 *     @HandlesMessage(value = "notification.NotifyPlayers", from = "game",
 *                     actions = {ActionKind.USER, ActionKind.PROXIED_USER}, permissions = "player")
 *     public void notify(NotifyPlayers command, ReceivedMessage message) { ... }
 * }
 * }</pre>
 *
 * <p>A consumer has at most one handler per message type; a deployment where two handlers of one
 * type serve the same consumer fails to start.
 *
 * <p>The handler runs in the transaction that received the message, after the signature was
 * verified, the policy checked and the message recorded in the inbox; it runs at most once per
 * message id and consumer, even if the message is delivered again.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HandlesMessage {

    /** The message type handled. */
    String value();

    /** The sender services allowed to send this type; at least one. */
    String[] from();

    /** The kinds of action accepted; all by default. */
    ActionKind[] actions() default {ActionKind.USER, ActionKind.PROXIED_USER, ActionKind.SYSTEM};

    /**
     * The consumers (their {@link OutboxMessageListener#consumerName() names}) this handler serves;
     * empty, the default, means every consumer of the deployment. An application hosting several
     * services, each with its own listener, scopes each service's handlers to its consumer, so two
     * services may handle the same message type (for example both subscribe to one event).
     */
    String[] consumers() default {};

    /**
     * Permissions the acting user must hold. When not empty, system actions are refused: a system
     * action cannot borrow a user's permissions.
     */
    String[] permissions() default {};

    /**
     * Whether a {@code SYSTEM} action is accepted although {@link #permissions()} is not empty; the
     * permissions are then required of user actions only. Off by default: a system action cannot
     * hold a user's permissions. Turn it on, with {@code SYSTEM} among the {@link #actions()}, for a
     * message that the system may cause on its own as well as a permitted user may ask for it.
     */
    boolean systemWithoutPermissions() default false;
}
