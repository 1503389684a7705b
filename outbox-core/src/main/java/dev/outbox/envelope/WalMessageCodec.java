package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The content of a WAL message ({@code pg_logical_emit_message(true, prefix, content)}): a JSON
 * object whose members are named like the columns of {@code outbox_message} (see
 * {@link OutboxColumns}), so one entry means the same whichever way it was captured.
 */
public final class WalMessageCodec {

    /** The message prefix the outbox emits with unless configured otherwise. */
    public static final String DEFAULT_PREFIX = "outbox";

    private WalMessageCodec() {
    }

    public static String encode(Envelope envelope) {
        StringBuilder json = new StringBuilder(512).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> column : OutboxColumns.toColumns(envelope).entrySet()) {
            if (column.getValue() == null) {
                continue;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append(Json.quote(column.getKey())).append(':');
            appendValue(json, column.getValue());
        }
        return json.append('}').toString();
    }

    /** @throws InvalidMessageException if the content is not an outbox entry */
    public static Envelope decode(byte[] content) {
        return decode(new String(content, StandardCharsets.UTF_8));
    }

    /** @throws InvalidMessageException if the content is not an outbox entry */
    @SuppressWarnings("unchecked")
    public static Envelope decode(String content) {
        Object parsed;
        try {
            parsed = Json.parse(content);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("WAL message content is not JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> columns)) {
            throw new InvalidMessageException("WAL message content must be a JSON object");
        }
        return OutboxColumns.toEnvelope((Map<String, ?>) columns);
    }

    private static void appendValue(StringBuilder json, Object value) {
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) map;
            json.append(OutboxColumns.headersJson(headers));
        } else if (value instanceof Collection<?> list) {
            json.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                json.append(Json.quote(item.toString()));
            }
            json.append(']');
        } else {
            json.append(Json.quote(value.toString()));
        }
    }
}
