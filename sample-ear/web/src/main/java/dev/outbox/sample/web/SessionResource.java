package dev.outbox.sample.web;

import dev.outbox.sample.session.Sessions;
import dev.outbox.sample.session.UserSession;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The caller's own session: log in, show activity, look at it (and at who ended it). */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    Sessions sessions;

    /**
     * Logs the caller in (or refreshes their active session). {@code idleTimeout}, an ISO-8601
     * duration, asks to be logged out sooner than the server's limit, as on a shared computer; 400
     * when it is malformed or longer than the limit.
     */
    @POST
    @Path("login")
    public UserSession login(@QueryParam("idleTimeout") String idleTimeout) {
        return sessions.login(idleTimeout);
    }

    /** The caller is still there; 409 once they were logged out (they log in again). */
    @POST
    @Path("touch")
    public UserSession touch() {
        return sessions.touch();
    }

    /** The caller's latest session, active or ended; 404 if they never logged in. Reading is not activity. */
    @GET
    @Path("mine")
    public UserSession mine() {
        return sessions.mine().orElseThrow(() -> new NotFoundException("no session yet: log in first"));
    }
}
