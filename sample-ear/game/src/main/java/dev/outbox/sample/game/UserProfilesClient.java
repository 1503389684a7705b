package dev.outbox.sample.game;

import dev.outbox.Actor;
import dev.outbox.OutboxSettings;
import dev.outbox.sample.calls.ApiUrl;
import dev.outbox.sample.calls.BackendException;
import dev.outbox.sample.calls.CallRequest;
import dev.outbox.sample.calls.CallSigner;
import dev.outbox.sample.calls.JsonHttp;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads players' profiles from the user backend over HTTP, for a user: it forwards that user's
 * token, so the user backend grants only what the user may see, and signs each call as the game
 * service with the game outbox's key, so the user backend knows who calls.
 */
@ApplicationScoped
public class UserProfilesClient {

    /** Where the user backend is (see {@link ApiUrl}). */
    public static final String USER_URL_PROPERTY = "game.user.url";
    /** The user backend's service name, which the calls are signed for. */
    static final String USER_SERVICE = "user";

    private final JsonHttp http = new JsonHttp(USER_SERVICE);
    private URI api;
    private CallSigner signer;

    @PostConstruct
    void configure() {
        api = ApiUrl.of(USER_URL_PROPERTY);
        // The game signs its calls as it signs its messages: same name, same key.
        OutboxSettings settings = OutboxSettings.fromEnvironment(GameOutboxProducer.CONFIGURATION_PREFIX);
        signer = new CallSigner(settings.serviceName(), settings.signingKey());
    }

    /**
     * @param player        whose profile
     * @param token         the viewer's bearer token, forwarded
     * @param actor         the viewer, as {@code PROXIED_USER} with the token's permissions
     * @param correlationId the viewer's request this call serves
     * @return the profile as the viewer may see it; without one when the user backend has none
     * @throws BackendException when the user backend refuses the call or does not answer
     */
    public PlayerProfile profile(String player, String token, Actor actor, UUID correlationId) {
        URI uri = api.resolve("users/" + URLEncoder.encode(player, StandardCharsets.UTF_8).replace("+", "%20") + "/profile");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET();
        signer.sign(new CallRequest("GET", uri.getRawPath(), token), USER_SERVICE, actor, correlationId).forEach(request::header);
        JsonHttp.Answer answer = http.send(request);
        if (answer.status() == 404) {
            return PlayerProfile.withoutProfile(player);
        }
        if (answer.status() != 200) {
            throw new BackendException(USER_SERVICE, answer.status(), "the user backend answered the game's call for the profile of "
                    + player + " with " + answer.status() + ": " + answer.error(), null);
        }
        JsonObject body = answer.body();
        return new PlayerProfile(player, body.getString("displayName", null), body.getString("visibility", null),
                body.getString("email", null), body.getString("phone", null));
    }
}
