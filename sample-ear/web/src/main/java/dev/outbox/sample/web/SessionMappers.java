package dev.outbox.sample.web;

import dev.outbox.sample.session.InvalidIdleTimeoutException;
import dev.outbox.sample.session.NoActiveSessionException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** How session refusals reach the client. */
final class SessionMappers {

    private SessionMappers() {
    }

    /** Activity without an active session conflicts with the session's state: 409, log in again. */
    @Provider
    public static final class NoActiveSession implements ExceptionMapper<NoActiveSessionException> {
        @Override
        public Response toResponse(NoActiveSessionException exception) {
            return BookingMappers.error(Response.Status.CONFLICT, exception.getMessage());
        }
    }

    /** A malformed or too long idle timeout is the caller's mistake: 400, naming the value. */
    @Provider
    public static final class InvalidIdleTimeout implements ExceptionMapper<InvalidIdleTimeoutException> {
        @Override
        public Response toResponse(InvalidIdleTimeoutException exception) {
            return BookingMappers.error(Response.Status.BAD_REQUEST, exception.getMessage());
        }
    }
}
