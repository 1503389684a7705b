package dev.outbox.sample.calls;

import java.util.Locale;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750). */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @return the bearer token, or {@code null} when the header is absent or of another scheme
     */
    public static String orNull(String authorization) {
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith(SCHEME) || trimmed.substring(SCHEME.length()).isBlank()) {
            return null;
        }
        return trimmed.substring(SCHEME.length()).trim();
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @return the token
     * @throws TokenRefusedException ({@link TokenProblem#MISSING}) when there is no bearer token
     */
    public static String require(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new TokenRefusedException(TokenProblem.MISSING, "no token: send Authorization: Bearer <token>"
                    + " (POST /sample/api/auth/tokens issues one)");
        }
        String token = orNull(authorization);
        if (token == null) {
            throw new TokenRefusedException(TokenProblem.MISSING, "the Authorization header must be 'Bearer <token>', was '"
                    + authorization.trim().split(" ", 2)[0] + " ...'");
        }
        return token;
    }
}
