package dev.outbox.sample.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's error answers: a JSON object whose {@code error} says what was refused and why. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** @param details further fields, name then value */
    static Response.ResponseBuilder error(int status, String message, String... details) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        for (int i = 0; i + 1 < details.length; i += 2) {
            body.put(details[i], details[i + 1]);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    }
}
