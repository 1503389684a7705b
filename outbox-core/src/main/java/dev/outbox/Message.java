package dev.outbox;

import dev.outbox.envelope.EnvelopeRules;
import dev.outbox.envelope.Payload;
import dev.outbox.internal.JsonPayloads;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A command, event or reply to be sent through the {@link Outbox}. Immutable; built with a
 * builder that checks every field and names the one that is wrong.
 *
 * <pre>{@code
 * Message notify = Message.command("notification.NotifyPlayers")
 *         .to("notification.commands")
 *         .key("game", gameId)
 *         .payload(new NotifyPlayers(gameId, playerId))
 *         .build();
 * }</pre>
 *
 * <p>Sender, actor, correlation and causation are filled in by the outbox when the message is
 * sent; set them here only to override what the outbox would choose.
 */
public final class Message {

    private final MessageKind kind;
    private final String type;
    private final String destination;
    private final String key;
    private final Payload payload;
    private final Map<String, String> headers;
    private final Instant deliverAt;
    private final UUID correlationId;
    private final UUID causationId;
    private final Actor actor;

    private Message(Builder builder, Payload payload) {
        this.kind = builder.kind;
        this.type = builder.type;
        this.destination = builder.destination;
        this.key = builder.key;
        this.payload = payload;
        this.headers = EnvelopeRules.headers(builder.headers);
        this.deliverAt = builder.deliverAt;
        this.correlationId = builder.correlationId;
        this.causationId = builder.causationId;
        this.actor = builder.actor;
    }

    private Message(Message original, Instant deliverAt) {
        this.kind = original.kind;
        this.type = original.type;
        this.destination = original.destination;
        this.key = original.key;
        this.payload = original.payload;
        this.headers = original.headers;
        this.deliverAt = deliverAt;
        this.correlationId = original.correlationId;
        this.causationId = original.causationId;
        this.actor = original.actor;
    }

    /** Starts a command: asks one receiver, listening on a queue, to do something. */
    public static Builder command(String type) {
        return new Builder(MessageKind.COMMAND, type);
    }

    /** Starts an event: tells every subscriber of a topic that something happened. */
    public static Builder event(String type) {
        return new Builder(MessageKind.EVENT, type);
    }

    /** Starts a reply to a command, sent to the queue the requester named. */
    public static Builder reply(String type) {
        return new Builder(MessageKind.REPLY, type);
    }

    public MessageKind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public String destination() {
        return destination;
    }

    /** @return the ordering key: messages with the same key are delivered in the order they were sent */
    public String key() {
        return key;
    }

    public Payload payload() {
        return payload;
    }

    /** @return headers sorted by name */
    public Map<String, String> headers() {
        return headers;
    }

    public Optional<Instant> deliverAt() {
        return Optional.ofNullable(deliverAt);
    }

    public Optional<UUID> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<UUID> causationId() {
        return Optional.ofNullable(causationId);
    }

    /** @return the actor set explicitly on this message, if any */
    public Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    /** @return a copy of this message to be delivered no earlier than {@code time} */
    public Message withDeliverAt(Instant time) {
        return new Message(this, Objects.requireNonNull(time, "deliverAt"));
    }

    @Override
    public String toString() {
        return kind + " " + type + " to " + destination + " key " + key;
    }

    /** Builds a {@link Message}; {@code to}, {@code key} and a payload are required. */
    public static final class Builder {

        private final MessageKind kind;
        private final String type;
        private String destination;
        private String key;
        private Object payloadObject;
        private Payload payload;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Instant deliverAt;
        private UUID correlationId;
        private UUID causationId;
        private Actor actor;

        private Builder(MessageKind kind, String type) {
            this.kind = kind;
            this.type = type;
        }

        /** The Artemis address: a queue for commands and replies, a topic for events. */
        public Builder to(String destination) {
            this.destination = destination;
            return this;
        }

        /**
         * The ordering key as aggregate type and id, e.g. {@code key("game", 42)} gives
         * {@code game:42}. Messages with the same key are delivered and handled in order.
         */
        public Builder key(String aggregateType, Object aggregateId) {
            if (aggregateType == null || aggregateType.isBlank() || aggregateType.contains(":")) {
                throw new InvalidMessageException("key: aggregate type is required and must not contain ':', was '"
                        + aggregateType + "'");
            }
            if (aggregateId == null || aggregateId.toString().isBlank()) {
                throw new InvalidMessageException("key: aggregate id is required for aggregate type '" + aggregateType + "'");
            }
            this.key = aggregateType + ":" + aggregateId;
            return this;
        }

        /** The ordering key as it is, for keys that are not an aggregate's. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** A payload object, serialized to JSON with JSON-B when the message is built. */
        public Builder payload(Object payload) {
            this.payloadObject = payload;
            this.payload = null;
            return this;
        }

        /** A payload that is already a JSON document. */
        public Builder jsonPayload(String json) {
            this.payload = Payload.json(json);
            this.payloadObject = null;
            return this;
        }

        /** Raw bytes with their media type, e.g. {@code application/protobuf}. */
        public Builder payload(byte[] bytes, String contentType) {
            this.payload = Payload.of(contentType, bytes);
            this.payloadObject = null;
            return this;
        }

        /** A string header: name a letter then letters, digits or {@code _}; signed with the rest. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Deliver no earlier than this time (a deadline or a delayed command). */
        public Builder deliverAt(Instant time) {
            this.deliverAt = time;
            return this;
        }

        /** Overrides the correlation id the outbox would choose. */
        public Builder correlationId(UUID id) {
            this.correlationId = id;
            return this;
        }

        /** Overrides the causation id the outbox would choose. */
        public Builder causationId(UUID id) {
            this.causationId = id;
            return this;
        }

        /** Overrides the actor the outbox would take from the security or handling context. */
        public Builder actor(Actor actor) {
            this.actor = actor;
            return this;
        }

        /**
         * @throws InvalidMessageException naming the missing or invalid field, or the payload
         *         that could not be serialized
         */
        public Message build() {
            EnvelopeRules.type(type);
            EnvelopeRules.destination(destination);
            EnvelopeRules.key(key);
            Payload body = payload;
            if (body == null) {
                if (payloadObject == null) {
                    throw new InvalidMessageException("payload is required for message type '" + type + "'");
                }
                body = JsonPayloads.serialize(type, payloadObject);
            }
            return new Message(this, body);
        }
    }
}
