package dev.outbox.sample.calls;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asks the auth backend about a bearer token: {@code GET <api>/auth/tokens/current} with the
 * token in the {@code Authorization} header (never in the URL, which ends up in logs). The call
 * is the scenario's immutable request: it reads and changes nothing, so it can be repeated and
 * retried freely. Nothing is cached here: a revoked token is refused on the very next call.
 */
public final class AuthClient {

    private final URI validation;
    private final JsonHttp http = new JsonHttp("auth");

    private AuthClient(URI validation) {
        this.validation = validation;
    }

    /** @param api the auth backend's API, e.g. {@code http://localhost:8080/sample/api/} */
    public static AuthClient at(URI api) {
        return new AuthClient(api.resolve("auth/tokens/current"));
    }

    /**
     * @return the token's user, permissions and expiry
     * @throws TokenRefusedException when the auth backend refuses the token (unknown, expired, revoked)
     * @throws BackendException      when it does not answer, or answers something else
     */
    public ValidToken validate(String token) {
        JsonHttp.Answer answer = http.send(HttpRequest.newBuilder(validation).header("Authorization", "Bearer " + token).GET());
        if (answer.status() == 401) {
            throw new TokenRefusedException(problem(answer), answer.error());
        }
        if (answer.status() != 200) {
            throw new BackendException("auth", answer.status(), "the auth backend answered the token validation with "
                    + answer.status() + ": " + answer.error(), null);
        }
        return validToken(answer.body());
    }

    private static TokenProblem problem(JsonHttp.Answer answer) {
        try {
            return TokenProblem.valueOf(answer.body().getString("reason", TokenProblem.UNKNOWN.name()));
        } catch (IllegalArgumentException e) {
            return TokenProblem.UNKNOWN;
        }
    }

    private static ValidToken validToken(JsonObject body) {
        try {
            Set<String> permissions = body.getJsonArray("permissions").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).collect(Collectors.toSet());
            return new ValidToken(body.getString("user"), permissions, Instant.parse(body.getString("expiresAt")));
        } catch (RuntimeException e) {
            // A missing field, a field of another type, a malformed instant: not the answer agreed on.
            throw new BackendException("auth", 200, "the auth backend's validation answer lacks user, permissions or expiresAt: "
                    + body, e);
        }
    }
}
