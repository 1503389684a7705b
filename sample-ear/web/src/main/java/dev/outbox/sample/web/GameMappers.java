package dev.outbox.sample.web;

import dev.outbox.sample.game.GameForbiddenException;
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
            return ApiErrors.error(404, exception.getMessage()).build();
        }
    }

    /** Not one of the game's players, or no player at all: 403, and no profile was asked for. */
    @Provider
    public static final class Forbidden implements ExceptionMapper<GameForbiddenException> {
        @Override
        public Response toResponse(GameForbiddenException exception) {
            return ApiErrors.error(403, exception.getMessage()).build();
        }
    }

    @Provider
    public static final class InvalidName implements ExceptionMapper<InvalidGameNameException> {
        @Override
        public Response toResponse(InvalidGameNameException exception) {
            return ApiErrors.error(400, exception.getMessage()).build();
        }
    }
}
