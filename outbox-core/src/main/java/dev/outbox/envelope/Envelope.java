package dev.outbox.envelope;

import dev.outbox.Actor;
import dev.outbox.InvalidMessageException;
import dev.outbox.MessageKind;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A message as it travels: what it is, where it goes, in which order, who sent it and for whom,
 * and the sender's signature. The same fields appear as columns of {@code outbox_message}, in the
 * content of a WAL message and as broker message properties (see {@code docs/wire-format.md}).
 *
 * <p>Timestamps have millisecond precision (they are truncated on construction) because the
 * canonical form that is signed prints milliseconds.
 *
 * @param id            unique, time-ordered (UUIDv7 when written by the outbox); the broker's duplicate id
 * @param kind          command, event or reply
 * @param type          the message type a receiver dispatches on
 * @param destination   the Artemis address
 * @param key           the ordering key ({@code aggregateType:aggregateId}); messages with the same key keep their order
 * @param payload       body and content type
 * @param headers       free-form string headers, sorted by name
 * @param createdAt     when the sender wrote it
 * @param deliverAt     not before this time, or {@code null} for now
 * @param correlationId the conversation it belongs to, or {@code null}
 * @param causationId   the message whose handling caused this one, or {@code null}
 * @param sender        the sending service's name, or {@code null} for an unsigned entry written by plain SQL
 * @param actor         on whose behalf, or {@code null} for an entry written by plain SQL
 * @param signature     the sender's signature, or {@code null} while unsigned
 */
public record Envelope(
        UUID id,
        MessageKind kind,
        String type,
        String destination,
        String key,
        Payload payload,
        Map<String, String> headers,
        Instant createdAt,
        Instant deliverAt,
        UUID correlationId,
        UUID causationId,
        String sender,
        Actor actor,
        Signature signature) {

    public Envelope {
        if (id == null) {
            throw new InvalidMessageException("id is required");
        }
        if (kind == null) {
            throw new InvalidMessageException("kind is required (COMMAND, EVENT or REPLY)");
        }
        EnvelopeRules.type(type);
        EnvelopeRules.destination(destination);
        EnvelopeRules.key(key);
        Objects.requireNonNull(payload, "payload");
        headers = EnvelopeRules.headers(headers);
        if (createdAt == null) {
            throw new InvalidMessageException("createdAt is required");
        }
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        deliverAt = deliverAt == null ? null : deliverAt.truncatedTo(ChronoUnit.MILLIS);
        if (sender != null) {
            EnvelopeRules.service("sender", sender);
        }
    }

    /** @return this envelope carrying the given signature */
    public Envelope withSignature(Signature newSignature) {
        return new Envelope(id, kind, type, destination, key, payload, headers, createdAt, deliverAt,
                correlationId, causationId, sender, actor, newSignature);
    }

    /** @return whether the envelope carries a signature (not whether it is valid) */
    public boolean isSigned() {
        return signature != null;
    }
}
