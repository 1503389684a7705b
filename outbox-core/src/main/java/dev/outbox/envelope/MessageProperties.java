package dev.outbox.envelope;

import dev.outbox.Actor;
import dev.outbox.InvalidMessageException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The envelope as broker message properties, the form the relay sends and consumers read. Every
 * name is a valid JMS property identifier. The body is the payload: text for textual content
 * types, bytes otherwise. See {@code docs/wire-format.md}.
 */
public final class MessageProperties {

    public static final String ID = "outbox_id";
    public static final String KIND = "outbox_kind";
    public static final String TYPE = "outbox_type";
    public static final String DESTINATION = "outbox_destination";
    public static final String KEY = "outbox_key";
    public static final String CONTENT_TYPE = "outbox_content_type";
    public static final String CREATED_AT = "outbox_created_at";
    public static final String DELIVER_AT = "outbox_deliver_at";
    public static final String CORRELATION_ID = "outbox_correlation_id";
    public static final String CAUSATION_ID = "outbox_causation_id";
    public static final String SENDER = "outbox_sender";
    public static final String ACTOR_KIND = "outbox_actor_kind";
    public static final String ACTOR_USER = "outbox_actor_user";
    public static final String ACTOR_PERMISSIONS = "outbox_actor_permissions";
    public static final String SIGNATURE_KEY_ID = "outbox_signature_key_id";
    public static final String SIGNATURE = "outbox_signature";
    /** Prefix of each header's property: header {@code traceparent} travels as {@code outbox_header_traceparent}. */
    public static final String HEADER_PREFIX = "outbox_header_";

    private MessageProperties() {
    }

    /** @return the properties of the envelope, string-valued, absent values left out */
    public static Map<String, String> of(Envelope envelope) {
        Map<String, String> properties = new LinkedHashMap<>();
        forEach(envelope, properties::put);
        return properties;
    }

    /**
     * Hands each property of the envelope to {@code property}, in the order of {@link #of}, without
     * building a map: the relay sets them straight onto every message it sends.
     */
    public static void forEach(Envelope envelope, BiConsumer<String, String> property) {
        property.accept(ID, envelope.id().toString());
        property.accept(KIND, envelope.kind().name());
        property.accept(TYPE, envelope.type());
        property.accept(DESTINATION, envelope.destination());
        property.accept(KEY, envelope.key());
        property.accept(CONTENT_TYPE, envelope.payload().contentType());
        property.accept(CREATED_AT, CanonicalForm.timestamp(envelope.createdAt()));
        acceptIfPresent(property, DELIVER_AT, CanonicalForm.timestamp(envelope.deliverAt()));
        acceptIfPresent(property, CORRELATION_ID, envelope.correlationId());
        acceptIfPresent(property, CAUSATION_ID, envelope.causationId());
        acceptIfPresent(property, SENDER, envelope.sender());
        Actor actor = envelope.actor();
        if (actor != null) {
            property.accept(ACTOR_KIND, actor.kind().name());
            acceptIfPresent(property, ACTOR_USER, actor.userId());
            property.accept(ACTOR_PERMISSIONS, String.join(",", actor.permissions()));
        }
        if (envelope.signature() != null) {
            property.accept(SIGNATURE_KEY_ID, envelope.signature().keyId());
            property.accept(SIGNATURE, envelope.signature().value());
        }
        envelope.headers().forEach((name, value) -> property.accept(HEADER_PREFIX + name, value));
    }

    /**
     * Rebuilds the envelope a consumer received.
     *
     * @param properties the message's properties by name (other properties are ignored)
     * @param body       the body's bytes (UTF-8 for a text body)
     * @throws InvalidMessageException naming the property that is missing or malformed
     */
    public static Envelope toEnvelope(Map<String, ?> properties, byte[] body) {
        if (body == null) {
            throw new InvalidMessageException("message has no body");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put(OutboxColumns.ID, required(properties, ID));
        columns.put(OutboxColumns.MESSAGE_KIND, required(properties, KIND));
        columns.put(OutboxColumns.MESSAGE_TYPE, required(properties, TYPE));
        columns.put(OutboxColumns.DESTINATION, required(properties, DESTINATION));
        columns.put(OutboxColumns.MESSAGE_KEY, required(properties, KEY));
        String contentType = required(properties, CONTENT_TYPE);
        columns.put(OutboxColumns.CONTENT_TYPE, contentType);
        if (Payload.isTextual(contentType)) {
            columns.put(OutboxColumns.PAYLOAD, new String(body, StandardCharsets.UTF_8));
        } else {
            columns.put(OutboxColumns.PAYLOAD_BYTES, body);
        }
        columns.put(OutboxColumns.CREATED_AT, required(properties, CREATED_AT));
        columns.put(OutboxColumns.DELIVER_AT, properties.get(DELIVER_AT));
        columns.put(OutboxColumns.CORRELATION_ID, properties.get(CORRELATION_ID));
        columns.put(OutboxColumns.CAUSATION_ID, properties.get(CAUSATION_ID));
        columns.put(OutboxColumns.SENDER_SERVICE, properties.get(SENDER));
        columns.put(OutboxColumns.ACTOR_KIND, properties.get(ACTOR_KIND));
        columns.put(OutboxColumns.ACTOR_USER, properties.get(ACTOR_USER));
        Object permissions = properties.get(ACTOR_PERMISSIONS);
        columns.put(OutboxColumns.ACTOR_PERMISSIONS, permissions == null || permissions.toString().isEmpty()
                ? new LinkedHashSet<String>()
                : new LinkedHashSet<>(Arrays.asList(permissions.toString().split(","))));
        columns.put(OutboxColumns.SIGNATURE_KEY_ID, properties.get(SIGNATURE_KEY_ID));
        columns.put(OutboxColumns.SIGNATURE, properties.get(SIGNATURE));
        Map<String, String> headers = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(HEADER_PREFIX) && value != null) {
                headers.put(name.substring(HEADER_PREFIX.length()), value.toString());
            }
        });
        columns.put(OutboxColumns.HEADERS, headers);
        return OutboxColumns.toEnvelope(columns);
    }

    private static String required(Map<String, ?> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            throw new InvalidMessageException("message property " + name + " is missing: not an outbox message?");
        }
        return value.toString();
    }

    private static void acceptIfPresent(BiConsumer<String, String> property, String name, Object value) {
        if (value != null) {
            property.accept(name, value.toString());
        }
    }
}
