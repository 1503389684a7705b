package dev.outbox.sample.web;

import dev.outbox.sample.game.Games;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Games, as the authenticated player sees them. */
@Path("games")
@RequestScoped
public class GameResource {

    @Inject
    Games games;

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
