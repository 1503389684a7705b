package dev.outbox.sample.web;

import dev.outbox.sample.calls.BearerToken;
import dev.outbox.sample.calls.CallRequest;
import dev.outbox.sample.user.ProfileAccess;
import dev.outbox.sample.user.ProfileAnswer;
import dev.outbox.sample.user.ProfileCalls;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user backend's API. Profiles are read by services for a user (a signed call forwarding the
 * user's token); a user reads who read their profile with their own token.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    ProfileCalls calls;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    /**
     * A profile, for the service that signed the call, as the user whose token it forwards may see
     * it: whole when it is theirs, the public part otherwise. 401 when the call does not prove its
     * caller or the token is refused; 403 when the caller or the user may not; 404 without profile.
     */
    @GET
    @Path("{name}/profile")
    public Response profile(@PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ProfileAnswer answer = calls.read(name, new CallRequest("GET", target(uri.getRequestUri()), BearerToken.orNull(authorization)),
                headerValues());
        if (answer.answer().granted()) {
            CacheControl personal = new CacheControl();
            personal.setPrivate(true);
            personal.setNoStore(true);
            return Response.ok(answer.profile()).cacheControl(personal).build();
        }
        Response.ResponseBuilder refusal = ApiErrors.error(answer.answer().status(), answer.reason(), "answer", answer.answer().name());
        if (answer.answer().status() == 401) {
            refusal.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sample\", error=\"invalid_token\"");
        }
        return refusal.build();
    }

    /** Who read the caller's own profile: which service, for whom, with which permissions, answered what. */
    @GET
    @Path("{name}/accesses")
    public List<ProfileAccess> accesses(@PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return calls.accessesOf(name, authorization);
    }

    /** @return the path and query exactly as the caller sent them, which its signature covers */
    private static String target(URI requestUri) {
        return requestUri.getRawQuery() == null ? requestUri.getRawPath() : requestUri.getRawPath() + "?" + requestUri.getRawQuery();
    }

    private Map<String, String> headerValues() {
        Map<String, String> values = new HashMap<>();
        headers.getRequestHeaders().forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name.toLowerCase(Locale.ROOT), list.get(0));
            }
        });
        return values;
    }
}
