package dev.outbox.sample.game;

import dev.outbox.ActionKind;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.consumer.HandlesMessage;
import dev.outbox.consumer.ReceivedMessage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A logged-out user gives up their seats: they are removed from every game they play in, and the
 * other players of each of those games are told, through the notification backend, in the same
 * transaction. The commands are sent while handling the session backend's SYSTEM event, so they
 * act as the system too: nobody asked for this, least of all the user who was logged out.
 *
 * <p>Once only: the inbox drops a redelivered event, and a second run would find the user in no
 * game and tell nobody. Only the session backend may send the event, and only as a system action.
 */
@ApplicationScoped
public class UserLoggedOutHandler {

    @Resource(lookup = GameSchema.DATASOURCE)
    DataSource dataSource;

    @Inject
    @GameOutbox
    Outbox outbox;

    @HandlesMessage(value = UserLoggedOut.TYPE, from = "session", actions = ActionKind.SYSTEM, consumers = GameListener.CONSUMER)
    public void userLoggedOut(UserLoggedOut event, ReceivedMessage message) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            failFastOnLocks(connection);
            for (long gameId : removeFromAllGames(connection, event.user())) {
                record(connection, gameId, event.user());
                List<String> others = Games.players(connection, gameId);
                if (others.isEmpty()) {
                    continue;
                }
                outbox.send(Message.command(NotifyPlayers.TYPE)
                        .to(NotifyPlayers.DESTINATION)
                        .key("game", gameId)
                        .payload(new NotifyPlayers(gameId, others,
                                event.user() + " was logged out after being inactive and left " + Games.gameName(connection, gameId)))
                        .build());
            }
        }
    }

    /**
     * A handler waits at most two seconds for a lock, then fails and is tried again, rather than
     * hold a consumer thread for as long as someone else holds the lock.
     */
    private static void failFastOnLocks(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '2s'");
        }
    }

    /** @return the games the user was removed from, in id order */
    private static List<Long> removeFromAllGames(Connection connection, String user) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM game_player WHERE player = ? RETURNING game_id")) {
            delete.setString(1, user);
            List<Long> games = new ArrayList<>();
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    games.add(rows.getLong(1));
                }
            }
            games.sort(null);
            return games;
        }
    }

    private static void record(Connection connection, long gameId, String user) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO game_session_event (game_id, player, event) VALUES (?, ?, 'LOGGED_OUT')")) {
            insert.setLong(1, gameId);
            insert.setString(2, user);
            insert.executeUpdate();
        }
    }
}
