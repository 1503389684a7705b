package dev.outbox.sample.web;

import dev.outbox.sample.tickets.BookingClosedException;
import dev.outbox.sample.tickets.BookingNotFoundException;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** How booking refusals reach the client. */
final class BookingMappers {

    private BookingMappers() {
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    /** A confirmation too late is a conflict with the booking's state: 409, and nothing changed. */
    @Provider
    public static final class Closed implements ExceptionMapper<BookingClosedException> {
        @Override
        public Response toResponse(BookingClosedException exception) {
            return error(Response.Status.CONFLICT, exception.getMessage());
        }
    }

    @Provider
    public static final class NotFound implements ExceptionMapper<BookingNotFoundException> {
        @Override
        public Response toResponse(BookingNotFoundException exception) {
            return error(Response.Status.NOT_FOUND, exception.getMessage());
        }
    }

    /** A call the caller's roles do not allow (a player confirming, for example): 403. */
    @Provider
    public static final class Forbidden implements ExceptionMapper<EJBAccessException> {
        @Override
        public Response toResponse(EJBAccessException exception) {
            return error(Response.Status.FORBIDDEN, "not allowed for this user");
        }
    }
}
