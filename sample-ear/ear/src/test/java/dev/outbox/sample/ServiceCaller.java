package dev.outbox.sample;

import dev.outbox.Actor;
import dev.outbox.envelope.SigningKey;
import dev.outbox.sample.calls.CallRequest;
import dev.outbox.sample.calls.CallSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Calls the user backend as a service would, signing with that service's key: the game (to make
 * calls the game itself never makes), the tickets service (trusted, but no allowed caller), or a
 * stranger. The keys are the tests' own, given to the server by arquillian.xml.
 */
final class ServiceCaller {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final CallSigner signer;

    private ServiceCaller(CallSigner signer) {
        this.signer = signer;
    }

    static ServiceCaller game() {
        return signingAs("game", "game-1", System.getProperty("sample.test.game-key"), Clock.systemUTC());
    }

    static ServiceCaller tickets() {
        return signingAs("tickets", "tickets-1", System.getProperty("sample.test.tickets-key"), Clock.systemUTC());
    }

    static ServiceCaller signingAs(String service, String keyId, String key, Clock clock) {
        return new ServiceCaller(new CallSigner(service, SigningKey.parse(keyId, key), clock));
    }

    static URI profileUri(String of) {
        return Player.api("users/" + of + "/profile");
    }

    /** @return the signed headers of a call for {@code of}'s profile, forwarding {@code token} */
    Map<String, String> sign(String of, String token, Actor actor) {
        return signer.sign(new CallRequest("GET", profileUri(of).getRawPath(), token), "user", actor, UUID.randomUUID());
    }

    HttpResponse<String> readProfile(String of, String token, Actor actor) throws IOException, InterruptedException {
        return send(of, token, sign(of, token, actor));
    }

    /** Sends a call with the given signed headers, whatever they were signed for. */
    static HttpResponse<String> send(String of, String token, Map<String, String> signedHeaders) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(profileUri(of)).GET().header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        signedHeaders.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
