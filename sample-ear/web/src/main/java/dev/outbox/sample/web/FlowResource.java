package dev.outbox.sample.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The messages as they flow between the sample's services, for the page that shows them: which
 * message, from whom, for whom, handled by which consumer and when. Read-only.
 *
 * <p>Any demo user may read it, since watching the flow is what the page is for. It shows every
 * user's actions; a real service would keep such an audit for an operator's role.
 */
@Path("flow")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    @Inject
    MessageFlow flow;

    /**
     * @param since optional ISO-8601 instant: only messages sent after it
     * @param limit optional, 1 to {@value #MAX_LIMIT}: at most this many messages, the newest ({@value #DEFAULT_LIMIT} by default)
     * @param quiet optional {@code true}: leave out the routine messages that changed nothing (see {@link MessageFlow#ROUTINE_TYPES})
     * @return the messages, newest first; 400 naming the parameter when one is malformed
     */
    @GET
    public List<FlowEntry> recent(@QueryParam("since") String since, @QueryParam("limit") String limit, @QueryParam("quiet") String quiet) {
        return flow.recent(since(since), limit(limit), quiet(quiet));
    }

    private static boolean quiet(String value) {
        if (value == null || value.isBlank() || value.trim().equals("false")) {
            return false;
        }
        if (value.trim().equals("true")) {
            return true;
        }
        throw badRequest("quiet must be true or false, was '" + value + "'");
    }

    private static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw badRequest("since must be an ISO-8601 instant such as 2026-12-03T10:15:30.123Z, was '" + value + "'");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + value + "'");
    }

    private static BadRequestException badRequest(String message) {
        return new BadRequestException(message, BookingMappers.error(Response.Status.BAD_REQUEST, message));
    }
}
