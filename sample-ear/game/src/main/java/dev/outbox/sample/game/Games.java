package dev.outbox.sample.game;

import dev.outbox.Message;
import dev.outbox.Outbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
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
 * What players do in games. Each method is one JTA transaction (container-managed): the game's
 * tables and the outbox entry commit together or not at all.
 */
@Stateless
@DeclareRoles(Games.PLAYER)
@RolesAllowed(Games.PLAYER)
public class Games {

    public static final String PLAYER = "player";

    /** The longest name a game may have. */
    public static final int MAX_NAME_LENGTH = 100;

    @Resource(lookup = GameSchema.DATASOURCE)
    DataSource dataSource;

    @Inject
    @GameOutbox
    Outbox outbox;

    @Resource
    SessionContext session;

    /**
     * The caller leaves the game; the other players are told through the notification backend.
     *
     * @return the id of the message sent to the notification backend
     * @throws NotInGameException if the caller is not a player of the game; nothing is recorded or sent
     */
    public UUID leave(long gameId) {
        String player = session.getCallerPrincipal().getName();
        try (Connection connection = dataSource.getConnection()) {
            // The session record is written first; if the caller turns out not to be a player, the
            // exception rolls it back together with everything else.
            record(connection, gameId, player, "LEFT");
            if (removePlayer(connection, gameId, player) == 0) {
                throw new NotInGameException(player, gameId);
            }
            List<String> others = players(connection, gameId);
            String text = player + " left " + gameName(connection, gameId);
            return outbox.send(Message.command(NotifyPlayers.TYPE)
                    .to(NotifyPlayers.DESTINATION)
                    .key("game", gameId)
                    .payload(new NotifyPlayers(gameId, others, text))
                    .build());
        } catch (SQLException e) {
            throw new EJBException("could not record that " + player + " left game " + gameId, e);
        }
    }

    /**
     * The caller starts a game and is its first player.
     *
     * @throws InvalidGameNameException if the name is blank or longer than {@value #MAX_NAME_LENGTH} characters
     */
    public Game create(String name) {
        String player = session.getCallerPrincipal().getName();
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw new InvalidGameNameException("name must be 1 to " + MAX_NAME_LENGTH + " characters, was '" + name + "'");
        }
        try (Connection connection = dataSource.getConnection()) {
            long gameId;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO game (id, name) VALUES (nextval('game_id_seq'), ?) RETURNING id")) {
                insert.setString(1, name.strip());
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    gameId = rows.getLong(1);
                }
            }
            addPlayer(connection, gameId, player);
            return game(connection, gameId);
        } catch (SQLException e) {
            throw new EJBException("could not create a game for " + player, e);
        }
    }

    /**
     * The caller joins the game; joining a game one already plays in changes nothing.
     *
     * @throws GameNotFoundException if there is no such game
     */
    public Game join(long gameId) {
        String player = session.getCallerPrincipal().getName();
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, gameId)) {
                throw new GameNotFoundException(gameId);
            }
            addPlayer(connection, gameId, player);
            return game(connection, gameId);
        } catch (SQLException e) {
            throw new EJBException("could not add " + player + " to game " + gameId, e);
        }
    }

    private static void addPlayer(Connection connection, long gameId, String player) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO game_player (game_id, player) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, gameId);
            insert.setString(2, player);
            if (insert.executeUpdate() == 1) {
                record(connection, gameId, player, "JOINED");
            }
        }
    }

    private static boolean exists(Connection connection, long gameId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM game WHERE id = ?")) {
            select.setLong(1, gameId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Game game(Connection connection, long gameId) throws SQLException {
        return new Game(gameId, gameName(connection, gameId), players(connection, gameId));
    }

    private static void record(Connection connection, long gameId, String player, String event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO game_session_event (game_id, player, event) SELECT id, ?, ? FROM game WHERE id = ?")) {
            insert.setString(1, player);
            insert.setString(2, event);
            insert.setLong(3, gameId);
            insert.executeUpdate();
        }
    }

    private static int removePlayer(Connection connection, long gameId, String player) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM game_player WHERE game_id = ? AND player = ?")) {
            delete.setLong(1, gameId);
            delete.setString(2, player);
            return delete.executeUpdate();
        }
    }

    static List<String> players(Connection connection, long gameId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT player FROM game_player WHERE game_id = ? ORDER BY player")) {
            select.setLong(1, gameId);
            List<String> players = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    players.add(rows.getString(1));
                }
            }
            return players;
        }
    }

    static String gameName(Connection connection, long gameId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM game WHERE id = ?")) {
            select.setLong(1, gameId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : "game " + gameId;
            }
        }
    }
}
