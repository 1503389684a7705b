package dev.outbox.sample.web;

import dev.outbox.sample.game.GameDetails;
import dev.outbox.sample.game.GameDetailsQuery;
import dev.outbox.sample.game.Games;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Games: a player leaves one (HTTP Basic), or sees one with its players (bearer token). */
@Path("games")
@RequestScoped
public class GameResource {

    @Inject
    Games games;

    @Inject
    GameDetailsQuery gameDetails;

    /**
     * The game as its player sees it, with each player's profile as the user backend lets the
     * caller see it. Authenticated by a bearer token (POST /auth/tokens), not a password.
     */
    @GET
    @Path("{gameId}")
    @Produces(MediaType.APPLICATION_JSON)
    public GameDetails details(@PathParam("gameId") long gameId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return gameDetails.details(gameId, authorization);
    }

    /**
     * The caller leaves the game; the other players are notified once the leave has committed.
     * 409 when the caller is not a player of the game.
     */
    @POST
    @Path("{gameId}/leave")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> leave(@PathParam("gameId") long gameId) {
        return Map.of("messageId", games.leave(gameId).toString());
    }
}
