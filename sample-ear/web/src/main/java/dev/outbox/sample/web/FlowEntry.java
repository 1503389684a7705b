package dev.outbox.sample.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message on its way: what it is, who sent it for whom, when it was sent, and which consumers
 * handled it when. Built from the sender's outbox row and the consumers' inbox rows; a message
 * whose outbox row is gone (deleted after insert, or sent in WAL mode) is known from the inbox
 * alone, and then has no destination, key, kind or sending time.
 *
 * @param id               the message id
 * @param kind             {@code COMMAND}, {@code EVENT} or {@code REPLY}; {@code null} when known from the inbox alone
 * @param type             the message type
 * @param destination      the broker address it was sent to
 * @param key              its ordering key
 * @param sender           the sending service
 * @param actorKind        {@code USER}, {@code PROXIED_USER} or {@code SYSTEM}
 * @param actorUser        the user it acts for; {@code null} for a system action
 * @param actorPermissions that user's permissions, as the message carries them
 * @param correlationId    the conversation it belongs to
 * @param causationId      the message whose handling caused it; {@code null} for a first message
 * @param sentAt           when the sender wrote it (committed with the sender's work)
 * @param deliverAt        not delivered before this time (a deadline); {@code null} for now
 * @param handledBy        the consumers that handled it, first handled first; empty while it is on its way
 */
public record FlowEntry(UUID id, String kind, String type, String destination, String key, String sender, String actorKind,
                        String actorUser, List<String> actorPermissions, UUID correlationId, UUID causationId, Instant sentAt,
                        Instant deliverAt, List<Handling> handledBy) {

    /**
     * A consumer's handling of the message, as its inbox recorded it.
     *
     * @param consumer  the consumer's name
     * @param handledAt when its transaction recorded the message (committed together with the handler's work)
     */
    public record Handling(String consumer, Instant handledAt) {
    }

    /** @return when the message first shows up: sent, or else first handled */
    Instant firstSeen() {
        if (sentAt != null) {
            return sentAt;
        }
        return handledBy.isEmpty() ? Instant.EPOCH : handledBy.get(0).handledAt();
    }
}
