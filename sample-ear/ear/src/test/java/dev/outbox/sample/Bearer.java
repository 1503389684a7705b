package dev.outbox.sample;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/** A user holding a bearer token, calling the sample's API with it (scenario 2). */
final class Bearer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String user;
    private final String token;

    private Bearer(String user, String token) {
        this.user = user;
        this.token = token;
    }

    /** @param lifetime ISO-8601, or {@code null} for the longest */
    static Bearer issued(Player player, String lifetime) throws IOException, InterruptedException {
        HttpResponse<String> issued = player.issueToken(lifetime);
        if (issued.statusCode() != 201) {
            throw new AssertionError("POST auth/tokens as " + player.name() + ": " + issued.statusCode() + " " + issued.body());
        }
        JsonObject body = Player.json(issued);
        return new Bearer(body.getString("user"), body.getString("token"));
    }

    /** A token the auth backend never issued, in the same form as its own (32 random bytes, Base64url). */
    static Bearer forged(String user) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new Bearer(user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    String user() {
        return user;
    }

    String token() {
        return token;
    }

    HttpResponse<String> gameDetails(long gameId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(Player.api("games/" + gameId)).GET());
    }

    /** The auth backend's validation of this token: the immutable request. */
    HttpResponse<String> validate() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(Player.api("auth/tokens/current")).GET());
    }

    HttpResponse<String> revoke() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(Player.api("auth/tokens/current")).DELETE());
    }

    /** A profile asked of the user backend directly, as a user, without any service's signature. */
    HttpResponse<String> profile(String of) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(Player.api("users/" + of + "/profile")).GET());
    }

    HttpResponse<String> accesses(String of) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(Player.api("users/" + of + "/accesses")).GET());
    }

    /** @return who read this user's own profile, oldest first */
    JsonArray ownAccesses() throws IOException, InterruptedException {
        HttpResponse<String> response = accesses(user);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET accesses as " + user + ": " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
