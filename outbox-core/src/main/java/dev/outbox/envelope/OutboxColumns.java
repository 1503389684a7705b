package dev.outbox.envelope;

import dev.outbox.ActionKind;
import dev.outbox.Actor;
import dev.outbox.InvalidMessageException;
import dev.outbox.MessageKind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The columns of {@code outbox_message}, which are also the member names of a WAL message's JSON
 * content, and the one mapping between them and an {@link Envelope}. Defaults are the table's.
 */
public final class OutboxColumns {

    public static final String TABLE = "outbox_message";

    public static final String ID = "id";
    public static final String DESTINATION = "destination";
    public static final String MESSAGE_KIND = "message_kind";
    public static final String MESSAGE_KEY = "message_key";
    public static final String MESSAGE_TYPE = "message_type";
    public static final String PAYLOAD = "payload";
    public static final String PAYLOAD_BYTES = "payload_bytes";
    public static final String CONTENT_TYPE = "content_type";
    public static final String HEADERS = "headers";
    public static final String CREATED_AT = "created_at";
    public static final String DELIVER_AT = "deliver_at";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";
    public static final String SENDER_SERVICE = "sender_service";
    public static final String ACTOR_KIND = "actor_kind";
    public static final String ACTOR_USER = "actor_user";
    public static final String ACTOR_PERMISSIONS = "actor_permissions";
    public static final String SIGNATURE_KEY_ID = "signature_key_id";
    public static final String SIGNATURE = "signature";

    private OutboxColumns() {
    }

    /**
     * Builds an envelope from column values as a database, a decoder or a JSON document gives them.
     * Accepted value types: strings everywhere; also {@link UUID}, {@link Instant},
     * {@link OffsetDateTime}, {@code byte[]}, collections for permissions and maps for headers.
     * A headers value may also be a JSON object in a string (as a {@code jsonb} column arrives).
     *
     * @throws InvalidMessageException naming the first column whose value is missing or malformed
     */
    public static Envelope toEnvelope(Map<String, ?> columns) {
        UUID id = uuid(columns, ID);
        if (id == null) {
            throw new InvalidMessageException("column " + ID + " is required");
        }
        return new Envelope(
                id,
                kind(columns),
                string(columns, MESSAGE_TYPE),
                string(columns, DESTINATION),
                string(columns, MESSAGE_KEY),
                payload(columns),
                headers(columns),
                orDefault(instant(columns, CREATED_AT), Instant.EPOCH),
                instant(columns, DELIVER_AT),
                uuid(columns, CORRELATION_ID),
                uuid(columns, CAUSATION_ID),
                string(columns, SENDER_SERVICE),
                actor(columns),
                signature(columns));
    }

    /** @return the envelope's column values, as the WAL message content carries them (all strings, lists and maps) */
    public static Map<String, Object> toColumns(Envelope envelope) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put(ID, envelope.id().toString());
        columns.put(DESTINATION, envelope.destination());
        columns.put(MESSAGE_KIND, envelope.kind().name());
        columns.put(MESSAGE_KEY, envelope.key());
        columns.put(MESSAGE_TYPE, envelope.type());
        Payload payload = envelope.payload();
        columns.put(PAYLOAD, payload.isText() ? payload.text() : null);
        columns.put(PAYLOAD_BYTES, payload.isText() ? null : Base64.getEncoder().encodeToString(payload.bytes()));
        columns.put(CONTENT_TYPE, payload.contentType());
        columns.put(HEADERS, envelope.headers());
        columns.put(CREATED_AT, CanonicalForm.timestamp(envelope.createdAt()));
        columns.put(DELIVER_AT, CanonicalForm.timestamp(envelope.deliverAt()));
        columns.put(CORRELATION_ID, text(envelope.correlationId()));
        columns.put(CAUSATION_ID, text(envelope.causationId()));
        columns.put(SENDER_SERVICE, envelope.sender());
        Actor actor = envelope.actor();
        columns.put(ACTOR_KIND, actor == null ? null : actor.kind().name());
        columns.put(ACTOR_USER, actor == null ? null : actor.userId());
        columns.put(ACTOR_PERMISSIONS, actor == null ? java.util.List.of() : java.util.List.copyOf(actor.permissions()));
        Signature signature = envelope.signature();
        columns.put(SIGNATURE_KEY_ID, signature == null ? null : signature.keyId());
        columns.put(SIGNATURE, signature == null ? null : signature.value());
        return columns;
    }

    /** @return headers as the JSON object stored in the {@code headers} column */
    public static String headersJson(Map<String, String> headers) {
        StringBuilder json = new StringBuilder("{");
        headers.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(Json.quote(name)).append(':').append(Json.quote(value));
        });
        return json.append('}').toString();
    }

    private static MessageKind kind(Map<String, ?> columns) {
        String kind = string(columns, MESSAGE_KIND);
        if (kind == null) {
            return MessageKind.COMMAND;
        }
        try {
            return MessageKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("column " + MESSAGE_KIND + " is '" + kind + "', expected COMMAND, EVENT or REPLY");
        }
    }

    private static Payload payload(Map<String, ?> columns) {
        String contentType = orDefault(string(columns, CONTENT_TYPE), Payload.JSON);
        Object text = columns.get(PAYLOAD);
        Object bytes = columns.get(PAYLOAD_BYTES);
        if ((text == null) == (bytes == null)) {
            throw new InvalidMessageException("exactly one of the columns " + PAYLOAD + " and " + PAYLOAD_BYTES + " must be set");
        }
        if (text != null) {
            return Payload.ofText(contentType, text.toString());
        }
        if (bytes instanceof byte[] raw) {
            return Payload.of(contentType, raw);
        }
        if (bytes instanceof java.nio.ByteBuffer buffer) {
            byte[] raw = new byte[buffer.remaining()];
            buffer.duplicate().get(raw);
            return Payload.of(contentType, raw);
        }
        try {
            return Payload.of(contentType, Base64.getDecoder().decode(bytes.toString()));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("column " + PAYLOAD_BYTES + " is not Base64", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(Map<String, ?> columns) {
        Object headers = columns.get(HEADERS);
        if (headers == null) {
            return Map.of();
        }
        Object parsed = headers;
        if (headers instanceof String json) {
            try {
                parsed = Json.parse(json);
            } catch (IllegalArgumentException e) {
                throw new InvalidMessageException("column " + HEADERS + " is not a JSON object: " + e.getMessage(), e);
            }
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidMessageException("column " + HEADERS + " must be a JSON object of string values");
        }
        Map<String, String> result = new LinkedHashMap<>();
        ((Map<Object, Object>) map).forEach((name, value) -> {
            if (!(value instanceof String)) {
                throw new InvalidMessageException("header '" + name + "' must be a string, was " + value);
            }
            result.put(name.toString(), (String) value);
        });
        return result;
    }

    private static Actor actor(Map<String, ?> columns) {
        String kind = string(columns, ACTOR_KIND);
        if (kind == null) {
            return null;
        }
        ActionKind actionKind;
        try {
            actionKind = ActionKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("column " + ACTOR_KIND + " is '" + kind + "', expected USER, PROXIED_USER or SYSTEM");
        }
        return new Actor(actionKind, string(columns, ACTOR_USER), permissions(columns.get(ACTOR_PERMISSIONS)));
    }

    private static Set<String> permissions(Object value) {
        Set<String> permissions = new LinkedHashSet<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(p -> permissions.add(String.valueOf(p)));
        } else if (value instanceof Object[] array) {
            for (Object p : array) {
                permissions.add(String.valueOf(p));
            }
        } else if (value != null) {
            throw new InvalidMessageException("column " + ACTOR_PERMISSIONS + " must be a list of strings");
        }
        return permissions;
    }

    private static Signature signature(Map<String, ?> columns) {
        String keyId = string(columns, SIGNATURE_KEY_ID);
        String value = string(columns, SIGNATURE);
        if (keyId == null && value == null) {
            return null;
        }
        if (keyId == null || value == null) {
            throw new InvalidMessageException("columns " + SIGNATURE_KEY_ID + " and " + SIGNATURE + " must be set together");
        }
        return new Signature(keyId, value);
    }

    private static String string(Map<String, ?> columns, String name) {
        Object value = columns.get(name);
        return value == null ? null : value.toString();
    }

    private static UUID uuid(Map<String, ?> columns, String name) {
        Object value = columns.get(name);
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("column " + name + " is not a UUID: '" + value + "'", e);
        }
    }

    private static Instant instant(Map<String, ?> columns, String name) {
        Object value = columns.get(name);
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        try {
            return IsoInstants.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException("column " + name + " is not an ISO-8601 timestamp: '" + value + "'", e);
        }
    }

    private static String text(UUID uuid) {
        return uuid == null ? null : uuid.toString();
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
