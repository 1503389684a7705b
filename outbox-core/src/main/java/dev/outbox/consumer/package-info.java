/**
 * Receiving outbox messages: an MDB extending {@link dev.outbox.consumer.OutboxMessageListener}
 * hands each message to the {@link dev.outbox.consumer.HandlesMessage} method for its type, after
 * verifying the signature, checking the {@link dev.outbox.consumer.HandlerPolicy} and recording the
 * message in the inbox, all in the consuming transaction. What cannot be handled becomes a dead
 * letter that {@link dev.outbox.consumer.DeadLetters} can list and replay. See
 * {@code docs/consumers.md}.
 */
package dev.outbox.consumer;
