package dev.outbox.sample.web;

import dev.outbox.sample.auth.IssuedToken;
import dev.outbox.sample.auth.TokenCheck;
import dev.outbox.sample.auth.Tokens;
import dev.outbox.sample.calls.BearerToken;
import dev.outbox.sample.calls.TokenProblem;
import dev.outbox.sample.calls.TokenRefusedException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The auth backend's API: a user exchanges their password (HTTP Basic) for a short-lived bearer
 * token; any backend handed the token asks here whether it is valid; its holder revokes it.
 */
@Path("auth/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** How long a validation may be cached, at most: revocation shows after this long in a cache that keeps it. */
    static final Duration LONGEST_CACHE = Duration.ofSeconds(5);

    @Inject
    Tokens tokens;

    /**
     * Issues a token to the caller (HTTP Basic), carrying the caller's roles as permissions.
     *
     * @param lifetime an ISO-8601 duration, at most {@code auth.token.lifetime} (15 minutes by default, also when left out)
     */
    @POST
    public Response issue(@QueryParam("lifetime") String lifetime) {
        IssuedToken token = tokens.issue(lifetime);
        return Response.status(Response.Status.CREATED).entity(token).cacheControl(noStore()).build();
    }

    /**
     * The immutable request: is the token of this request valid, whose is it, what may it do? Reads
     * and changes nothing; the same token gets the same answer until it expires or is revoked.
     * 401 with the reason otherwise.
     */
    @GET
    @Path("current")
    public Response validate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TokenCheck check = tokens.check(BearerToken.require(authorization));
        if (!check.valid()) {
            throw new TokenRefusedException(TokenProblem.valueOf(check.state().name()), check.refusal());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", check.user());
        answer.put("permissions", new TreeSet<>(check.permissions()));
        answer.put("issuedAt", check.issuedAt());
        answer.put("expiresAt", check.expiresAt());
        return Response.ok(answer).cacheControl(cacheUntil(check.expiresAt())).build();
    }

    /** Revokes the token of this request (its holder logs out): 204, and every later validation refuses it. */
    @DELETE
    @Path("current")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!tokens.revoke(BearerToken.require(authorization))) {
            throw new TokenRefusedException(TokenProblem.UNKNOWN, "unknown token: it was never issued here");
        }
        return Response.noContent().build();
    }

    /** Private to the caller, and for a few seconds at most, never past the token's expiry. */
    private static CacheControl cacheUntil(Instant expiresAt) {
        CacheControl control = new CacheControl();
        control.setPrivate(true);
        long left = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        control.setMaxAge((int) Math.min(LONGEST_CACHE.toSeconds(), left));
        return control;
    }

    private static CacheControl noStore() {
        CacheControl control = new CacheControl();
        control.setNoStore(true);
        return control;
    }
}
