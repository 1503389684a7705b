package dev.outbox;

/** Why a service sends a message: on whose initiative the action was taken. */
public enum ActionKind {
    /** A user asked for it directly, for example through a REST call they made. */
    USER,
    /** A service acts on a user's behalf, with that user's permissions and no more. */
    PROXIED_USER,
    /** The service acts on its own, for example from a timer; no user and no user permissions. */
    SYSTEM
}
