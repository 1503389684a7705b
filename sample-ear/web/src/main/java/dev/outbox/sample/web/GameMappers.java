package dev.outbox.sample.web;

import dev.outbox.sample.game.GameNotFoundException;
import dev.outbox.sample.game.InvalidGameNameException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** How game refusals (other than leaving a game one is not in) reach the client. */
final class GameMappers {

    private GameMappers() {
    }

    @Provider
    public static final class NotFound implements ExceptionMapper<GameNotFoundException> {
        @Override
        public Response toResponse(GameNotFoundException exception) {
            return BookingMappers.error(Response.Status.NOT_FOUND, exception.getMessage());
        }
    }

    @Provider
    public static final class InvalidName implements ExceptionMapper<InvalidGameNameException> {
        @Override
        public Response toResponse(InvalidGameNameException exception) {
            return BookingMappers.error(Response.Status.BAD_REQUEST, exception.getMessage());
        }
    }
}
