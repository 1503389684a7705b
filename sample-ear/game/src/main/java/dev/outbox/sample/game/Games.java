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

    private static List<String> players(Connection connection, long gameId) throws SQLException {
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

    private static String gameName(Connection connection, long gameId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM game WHERE id = ?")) {
            select.setLong(1, gameId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : "game " + gameId;
            }
        }
    }
}
