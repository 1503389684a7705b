package dev.outbox.sample;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A demo player calling the sample's REST API over HTTP, authenticated with HTTP Basic. */
final class Player {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String name;
    private final String authorization;

    private Player(String name, String authorization) {
        this.name = name;
        this.authorization = authorization;
    }

    /** @return the demo user {@code name}, whose password is {@code <name>-pass} */
    static Player named(String name) {
        return new Player(name, "Basic " + Base64.getEncoder().encodeToString((name + ":" + name + "-pass").getBytes(StandardCharsets.UTF_8)));
    }

    static URI api(String path) {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("sample.test.http-port") + "/sample/api/" + path);
    }

    String name() {
        return name;
    }

    HttpResponse<String> leave(long gameId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api("games/" + gameId + "/leave")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> book(long concertId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api("tickets/concerts/" + concertId + "/bookings")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> confirm(long bookingId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api("tickets/bookings/" + bookingId + "/confirm")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonObject booking(long bookingId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("tickets/bookings/" + bookingId)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET booking " + bookingId + " as " + name + ": " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /** @return the caller's payment for the booking, or {@code null} while there is none (404) */
    JsonObject payment(long bookingId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("payments?booking=" + bookingId)).GET());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET payment of booking " + bookingId + " as " + name + ": " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /** Exchanges the password for a bearer token; {@code lifetime} (ISO-8601) may be {@code null}. */
    HttpResponse<String> issueToken(String lifetime) throws IOException, InterruptedException {
        String query = lifetime == null ? "" : "?lifetime=" + lifetime;
        return send(HttpRequest.newBuilder(api("auth/tokens" + query)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** @return a bearer token of this user, with the longest lifetime */
    Bearer bearer() throws IOException, InterruptedException {
        return Bearer.issued(this, null);
    }

    /** Game details asked with the password instead of a token. */
    HttpResponse<String> gameDetailsWithPassword(long gameId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api("games/" + gameId)).GET());
    }

    /** Logs in; {@code idleTimeout} (ISO-8601) asks to be logged out sooner than the server's limit, {@code null} for the limit. */
    HttpResponse<String> login(String idleTimeout) throws IOException, InterruptedException {
        String query = idleTimeout == null ? "" : "?idleTimeout=" + java.net.URLEncoder.encode(idleTimeout, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(api("sessions/login" + query)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> touch() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api("sessions/touch")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** @return the caller's latest session */
    JsonObject session() throws IOException, InterruptedException {
        return ok("GET own session", send(HttpRequest.newBuilder(api("sessions/mine")).GET()));
    }

    /** @return the new game, with this player as its first player */
    JsonObject createGame(String name) throws IOException, InterruptedException {
        String body = Json.createObjectBuilder().add("name", name).build().toString();
        return ok("create game " + name, send(HttpRequest.newBuilder(api("games")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    JsonObject join(long gameId) throws IOException, InterruptedException {
        return ok("join game " + gameId, send(HttpRequest.newBuilder(api("games/" + gameId + "/join")).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private JsonObject ok(String what, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(what + " as " + name + ": " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /** @return the answer to {@code GET /sample/api/<path>} as this player */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api(path)).GET());
    }

    JsonArray notifications() throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("notifications")).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET notifications as " + name + ": " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", authorization).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
