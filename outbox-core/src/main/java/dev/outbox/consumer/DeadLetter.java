package dev.outbox.consumer;

import java.util.UUID;

/**
 * Why and where a message is being dead-lettered.
 *
 * @param reason        why
 * @param consumer      the consumer giving up
 * @param messageId     the outbox message id, or {@code null} when the envelope could not be read
 * @param error         the refusal or last error, in words
 * @param deliveryCount how often the message had been delivered
 */
public record DeadLetter(DeadLetterReason reason, String consumer, UUID messageId, String error, int deliveryCount) {
}
