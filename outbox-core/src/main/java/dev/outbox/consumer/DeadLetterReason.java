package dev.outbox.consumer;

/** Why a message was dead-lettered; travels as the {@code outbox_dead_letter_reason} property. */
public enum DeadLetterReason {
    /** Not an outbox message, or its envelope or payload cannot be read. */
    MALFORMED("malformed"),
    /** Unsigned, signed with an unknown key or a key of another service, or altered after signing. */
    SIGNATURE("signature"),
    /** The handler's policy refuses this sender, action kind or user. */
    UNAUTHORIZED("unauthorized"),
    /** No handler exists for the message type. */
    UNKNOWN_TYPE("unknown-type"),
    /** The handler kept failing for the configured number of attempts. */
    HANDLER_FAILED("handler-failed"),
    /** An earlier message of the same key is dead-lettered; handling this one would overtake it. */
    KEY_PARKED("key-parked");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    /** @return the reason as it appears on the dead letter */
    public String label() {
        return label;
    }

    /** @return whether a dead letter for this reason parks its key (see {@code docs/consumers.md}) */
    public boolean parksKey() {
        return this == UNAUTHORIZED || this == UNKNOWN_TYPE || this == HANDLER_FAILED || this == MALFORMED;
    }
}
