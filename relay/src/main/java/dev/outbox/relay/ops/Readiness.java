package dev.outbox.relay.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether each part the relay depends on is usable, and if not, why.
 *
 * @param parts part name (e.g. {@code database}) to {@code null} when ready, else the reason it is not
 */
public record Readiness(Map<String, String> parts) {

    public Readiness {
        parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** @return whether every part is ready */
    public boolean ready() {
        return parts.values().stream().allMatch(problem -> problem == null);
    }

    /** @return {@code {"status":"UP|DOWN","database":"UP"|"<reason>",...}} */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"status\":\"").append(ready() ? "UP" : "DOWN").append('"');
        parts.forEach((part, problem) -> json.append(",\"").append(escape(part)).append("\":\"")
                .append(problem == null ? "UP" : escape(problem)).append('"'));
        return json.append('}').toString();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
