package dev.outbox.consumer;

import dev.outbox.Actor;
import dev.outbox.envelope.Envelope;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a handler knows about the message it handles besides the payload: who sent it, for whom,
 * and how it relates to other messages. The envelope was verified and authorized before the
 * handler was called.
 *
 * @param envelope        the verified envelope
 * @param consumer        the consumer name the message was received as
 * @param deliveryAttempt 1 on first delivery, higher after failed attempts
 */
public record ReceivedMessage(Envelope envelope, String consumer, int deliveryAttempt) {

    public UUID id() {
        return envelope.id();
    }

    public String type() {
        return envelope.type();
    }

    public String key() {
        return envelope.key();
    }

    /** @return the sending service */
    public String sender() {
        return envelope.sender();
    }

    /** @return on whose behalf it was sent, with that user's permissions */
    public Actor actor() {
        return envelope.actor();
    }

    public UUID correlationId() {
        return envelope.correlationId();
    }

    public UUID causationId() {
        return envelope.causationId();
    }

    public Instant createdAt() {
        return envelope.createdAt();
    }

    public Map<String, String> headers() {
        return envelope.headers();
    }
}
