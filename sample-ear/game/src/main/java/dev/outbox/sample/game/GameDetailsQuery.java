package dev.outbox.sample.game;

import dev.outbox.Actor;
import dev.outbox.envelope.MessageIds;
import dev.outbox.sample.calls.ApiUrl;
import dev.outbox.sample.calls.AuthClient;
import dev.outbox.sample.calls.BackendException;
import dev.outbox.sample.calls.BearerToken;
import dev.outbox.sample.calls.TokenRefusedException;
import dev.outbox.sample.calls.ValidToken;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A game's details for one of its players (scenario 2), synchronously: the caller's bearer token
 * is validated with the auth backend, then each player's profile is read from the user backend
 * for the caller, with the caller's permissions only. Nothing is written, so no transaction: the
 * game's rows are read and the connection returned before any other backend is called.
 */
@ApplicationScoped
public class GameDetailsQuery {

    /** Where the auth backend is (see {@link ApiUrl}). */
    public static final String AUTH_URL_PROPERTY = "game.auth.url";
    /** The permission a token needs for game details. */
    public static final String PERMISSION = "player";

    @Resource(lookup = GameSchema.DATASOURCE)
    DataSource dataSource;

    @Inject
    UserProfilesClient profiles;

    private AuthClient auth;

    @PostConstruct
    void configure() {
        auth = AuthClient.at(ApiUrl.of(AUTH_URL_PROPERTY));
    }

    /**
     * @param authorization the request's {@code Authorization} header: {@code Bearer <token>}
     * @throws TokenRefusedException  when the token is missing, or the auth backend refuses it
     * @throws GameForbiddenException when the user lacks the permission or is not a player of the game
     * @throws GameNotFoundException  when there is no such game
     * @throws BackendException       when the auth or the user backend does not answer, or the user backend refuses the game
     */
    public GameDetails details(long gameId, String authorization) {
        String token = BearerToken.require(authorization);
        ValidToken viewer = auth.validate(token);
        if (!viewer.permissions().contains(PERMISSION)) {
            throw new GameForbiddenException(viewer.user() + " may not see games: the token lacks the permission " + PERMISSION);
        }
        Game game = read(gameId);
        if (!game.players().contains(viewer.user())) {
            throw new GameForbiddenException(viewer.user() + " is not a player of game " + gameId + ": only its players see its details");
        }
        Actor actor = Actor.proxiedUser(viewer.user(), viewer.permissions());
        UUID correlationId = MessageIds.next();
        List<PlayerProfile> shown = new ArrayList<>();
        for (String player : game.players()) {
            shown.add(profiles.profile(player, token, actor, correlationId));
        }
        return new GameDetails(gameId, game.name(), viewer.user(), correlationId, shown);
    }

    /** @throws GameNotFoundException when there is no such game */
    private Game read(long gameId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement game = connection.prepareStatement("SELECT name FROM game WHERE id = ?");
             PreparedStatement players = connection.prepareStatement("SELECT player FROM game_player WHERE game_id = ? ORDER BY player")) {
            game.setLong(1, gameId);
            String name;
            try (ResultSet rows = game.executeQuery()) {
                if (!rows.next()) {
                    throw new GameNotFoundException(gameId);
                }
                name = rows.getString(1);
            }
            players.setLong(1, gameId);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = players.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return new Game(name, names);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read game " + gameId, e);
        }
    }

    private record Game(String name, List<String> players) {
    }
}
