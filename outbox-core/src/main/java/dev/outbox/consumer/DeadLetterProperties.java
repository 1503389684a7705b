package dev.outbox.consumer;

/**
 * Properties a dead letter carries besides every property of the original message, which stays
 * intact so the message can be replayed as it was.
 */
public final class DeadLetterProperties {

    /** A {@link DeadLetterReason#label()}. */
    public static final String REASON = "outbox_dead_letter_reason";
    /** The consumer that gave up on the message. */
    public static final String CONSUMER = "outbox_dead_letter_consumer";
    /** The last error, or the refusal, in words. */
    public static final String ERROR = "outbox_dead_letter_error";
    /** When it was dead-lettered, ISO-8601 UTC. */
    public static final String AT = "outbox_dead_letter_at";
    /** The address the message was consumed from, where a replay sends it back. */
    public static final String ORIGIN = "outbox_dead_letter_origin";
    /** Whether the origin is a multicast address (a topic). */
    public static final String ORIGIN_IS_TOPIC = "outbox_dead_letter_origin_topic";
    /** How often it had been delivered to the consumer. */
    public static final String DELIVERY_COUNT = "outbox_dead_letter_delivery_count";

    private DeadLetterProperties() {
    }
}
