package dev.outbox.sample.web;

import dev.outbox.sample.game.Game;
import dev.outbox.sample.game.GameDetails;
import dev.outbox.sample.game.GameDetailsQuery;
import dev.outbox.sample.game.Games;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Games: a player starts, joins or leaves one (HTTP Basic), or sees one with its players' profiles
 * (bearer token).
 */
@Path("games")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GameResource {

    @Inject
    Games games;

    @Inject
    GameDetailsQuery gameDetails;

    /** The caller starts a game, {@code {"name": "..."}}, and is its first player; 400 for a blank or too long name. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Game create(NewGame game) {
        return games.create(game == null ? null : game.name());
    }

    /**
     * The game as its player sees it, with each player's profile as the user backend lets the
     * caller see it. Authenticated by a bearer token (POST /auth/tokens), not a password.
     */
    @GET
    @Path("{gameId}")
    public GameDetails details(@PathParam("gameId") long gameId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return gameDetails.details(gameId, authorization);
    }

    /** The caller joins the game; 404 if there is none. */
    @POST
    @Path("{gameId}/join")
    public Game join(@PathParam("gameId") long gameId) {
        return games.join(gameId);
    }

    /**
     * The caller leaves the game; the other players are notified once the leave has committed.
     * 409 when the caller is not a player of the game.
     */
    @POST
    @Path("{gameId}/leave")
    public Map<String, String> leave(@PathParam("gameId") long gameId) {
        return Map.of("messageId", games.leave(gameId).toString());
    }

    /** @param name the new game's name */
    public record NewGame(String name) {
    }
}
