package dev.outbox.envelope;

import dev.outbox.Actor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The exact bytes a signature covers. Simple enough to rebuild in any language: UTF-8 lines
 * {@code name=value}, each ending in {@code \n}, in a fixed order; absent values are empty;
 * within a value {@code %}, line feed and carriage return are written {@code %25}, {@code %0A},
 * {@code %0D}. The payload enters as its SHA-256. The full definition is in
 * {@code docs/wire-format.md}.
 */
public final class CanonicalForm {

    /** First line of the canonical form; changes whenever the form does. */
    public static final String VERSION = "outbox-envelope-v1";

    private CanonicalForm() {
    }

    /** @return the canonical bytes of the envelope as signed with the key {@code keyId} */
    public static byte[] of(Envelope envelope, String keyId) {
        Actor actor = envelope.actor();
        StringBuilder text = new StringBuilder(512).append(VERSION).append('\n');
        line(text, "id", envelope.id());
        line(text, "kind", envelope.kind());
        line(text, "type", envelope.type());
        line(text, "destination", envelope.destination());
        line(text, "key", envelope.key());
        line(text, "content-type", envelope.payload().contentType());
        line(text, "payload-sha256", envelope.payload().sha256Hex());
        line(text, "created-at", timestamp(envelope.createdAt()));
        line(text, "deliver-at", timestamp(envelope.deliverAt()));
        line(text, "correlation-id", envelope.correlationId());
        line(text, "causation-id", envelope.causationId());
        line(text, "sender", envelope.sender());
        line(text, "actor-kind", actor == null ? null : actor.kind());
        line(text, "actor-user", actor == null ? null : actor.userId());
        // Permissions are printable ASCII without commas, so sorting and joining is unambiguous.
        line(text, "actor-permissions", actor == null ? null : String.join(",", actor.permissions()));
        line(text, "key-id", keyId);
        for (Map.Entry<String, String> header : envelope.headers().entrySet()) {
            line(text, "header." + header.getKey(), header.getValue());
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the instant as printed in the canonical form and on the wire: UTC, milliseconds, {@code Z} */
    public static String timestamp(Instant instant) {
        return instant == null ? null : IsoInstants.millisUtc(instant);
    }

    private static void line(StringBuilder text, String name, Object value) {
        text.append(name).append('=');
        if (value != null) {
            String raw = value.toString();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                switch (c) {
                    case '%' -> text.append("%25");
                    case '\n' -> text.append("%0A");
                    case '\r' -> text.append("%0D");
                    default -> text.append(c);
                }
            }
        }
        text.append('\n');
    }
}
