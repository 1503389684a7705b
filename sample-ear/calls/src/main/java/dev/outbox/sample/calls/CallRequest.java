package dev.outbox.sample.calls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The parts of an HTTP request the calling service's signature covers, as both ends see them:
 * method, path with query, and the bearer token the service forwards. Its {@linkplain #signedText()
 * text} is the signed envelope's payload. It is not sent: the called service rebuilds it from the
 * request it received, so a signature made for one request proves nothing for another (another
 * path, another user's token).
 *
 * @param method      e.g. {@code GET}
 * @param target      the raw path and query as sent, e.g. {@code /sample/api/users/bob/profile}
 * @param bearerToken the forwarded user's token, or {@code null} when the request carries none
 */
public record CallRequest(String method, String target, String bearerToken) {

    /** The payload's content type. */
    public static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    public CallRequest {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method is required");
        }
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("target must be the request's path, starting with /, was '" + target + "'");
        }
        method = method.toUpperCase(Locale.ROOT);
    }

    /**
     * @return two lines: {@code <METHOD> <target>}, then {@code bearer-sha256=<hex>} (empty without
     *         a token); the token enters as its SHA-256, so the signed payload never holds it
     */
    public byte[] signedText() {
        return (method + " " + target + "\nbearer-sha256=" + (bearerToken == null ? "" : sha256(bearerToken)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
