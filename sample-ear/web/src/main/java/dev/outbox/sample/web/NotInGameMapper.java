package dev.outbox.sample.web;

import dev.outbox.sample.game.NotInGameException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Leaving a game one is not in is a conflict with the game's state, not a server error. */
@Provider
public class NotInGameMapper implements ExceptionMapper<NotInGameException> {

    @Override
    public Response toResponse(NotInGameException exception) {
        return Response.status(Response.Status.CONFLICT)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", exception.getMessage()))
                .build();
    }
}
