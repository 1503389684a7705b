package dev.outbox.sample.calls;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a request to another backend and reads its JSON answer. One {@link HttpClient} per
 * backend client: it is thread-safe and keeps connections open between calls.
 */
public final class JsonHttp {

    /** How long a backend may take to answer; a user is waiting. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String backend;
    private final HttpClient http;

    /** @param backend the called backend's name, for error messages */
    public JsonHttp(String backend) {
        this.backend = backend;
        // HTTP/1.1: no attempt to upgrade a cleartext connection to HTTP/2.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * @return the status and the JSON object of the answer (an empty object when the body is not one)
     * @throws BackendException ({@code status} 0) when the backend did not answer in time
     */
    public Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BackendException(backend, 0, "the " + backend + " backend did not answer " + built.method() + " "
                    + built.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(backend, 0, "interrupted while calling the " + backend + " backend", e);
        }
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /**
     * A backend's answer.
     *
     * @param status the HTTP status
     * @param body   the JSON object it sent, or an empty one
     */
    public record Answer(int status, JsonObject body) {

        /** @return the answer's {@code error} text, or the status when it gave none */
        public String error() {
            return body.getString("error", "HTTP " + status);
        }
    }
}
