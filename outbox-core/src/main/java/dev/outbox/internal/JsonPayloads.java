package dev.outbox.internal;

import dev.outbox.InvalidMessageException;
import dev.outbox.envelope.Payload;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/** Serializes payload objects with the JSON-B implementation the container provides. */
public final class JsonPayloads {

    private JsonPayloads() {
    }

    /** @throws InvalidMessageException naming the message type when the object cannot be serialized */
    public static Payload serialize(String messageType, Object payload) {
        try {
            return Payload.json(Holder.JSONB.toJson(payload));
        } catch (JsonbException | IllegalArgumentException e) {
            throw new InvalidMessageException("payload of message type '" + messageType + "' (" + payload.getClass().getName()
                    + ") cannot be serialized to JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @return the payload as the handler's parameter type: {@code byte[]} and {@code String} as they
     *         are, anything else through JSON-B
     * @throws InvalidMessageException if the payload does not fit the type
     */
    @SuppressWarnings("unchecked")
    public static <T> T deserialize(Payload payload, Class<T> type) {
        if (type == byte[].class) {
            return (T) payload.bytes();
        }
        if (!payload.isText()) {
            throw new InvalidMessageException("payload of content type " + payload.contentType()
                    + " is binary and cannot become a " + type.getName());
        }
        if (type == String.class) {
            return (T) payload.text();
        }
        try {
            return Holder.JSONB.fromJson(payload.text(), type);
        } catch (JsonbException | IllegalArgumentException e) {
            throw new InvalidMessageException("payload cannot be read as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Creates the Jsonb instance on first use, so code that never serializes objects needs no JSON-B provider. */
    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create();
    }
}
