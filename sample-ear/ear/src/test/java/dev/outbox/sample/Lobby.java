package dev.outbox.sample;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 3's steps as the tests take them: sessions, games, and what the players are told. */
final class Lobby {

    private Lobby() {
    }

    /** Logs the player in and returns the session; {@code idleTimeout} {@code null} for the server's limit. */
    static JsonObject login(Player player, String idleTimeout) throws Exception {
        HttpResponse<String> response = player.login(idleTimeout);
        assertThat(response.statusCode()).as("login of %s: %s", player.name(), response.body()).isEqualTo(200);
        JsonObject session = Player.json(response);
        assertThat(session.getString("state")).isEqualTo("ACTIVE");
        return session;
    }

    /** @return the id of a new game with a name no other test uses, the first player its creator, then the others */
    static long gameOf(String name, Player first, Player... others) throws Exception {
        long gameId = first.createGame(name).getJsonNumber("id").longValue();
        for (Player other : others) {
            other.join(gameId);
        }
        return gameId;
    }

    /** A game name no other test (or earlier run on the same database) uses, so its notifications can be told apart. */
    static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return the game's players, as its details show them to {@code asker}, one of them */
    static List<String> players(Player asker, long gameId) throws Exception {
        HttpResponse<String> details = asker.bearer().gameDetails(gameId);
        if (details.statusCode() != 200) {
            throw new AssertionError("GET game " + gameId + " as " + asker.name() + ": " + details.statusCode() + " " + details.body());
        }
        return Player.json(details).getJsonArray("players").getValuesAs(JsonObject.class).stream()
                .map(player -> player.getString("name")).toList();
    }

    /** Waits until the player's latest session is logged out, and returns it. */
    static JsonObject awaitLoggedOut(Player player) throws Exception {
        return Concerts.await(player.name() + " logged out", player::session, session -> "LOGGED_OUT".equals(session.getString("state")));
    }

    /** @return the player's notifications that mention the game's name */
    static List<JsonObject> notificationsAbout(Player player, String gameName) throws Exception {
        return player.notifications().getValuesAs(JsonObject.class).stream()
                .filter(notification -> notification.getString("text").contains(gameName))
                .toList();
    }

    static List<JsonObject> awaitNotificationsAbout(Player player, String gameName) throws Exception {
        return Concerts.await(player.name() + " told about " + gameName, () -> notificationsAbout(player, gameName), n -> !n.isEmpty());
    }

    /** @return how many times the session backend announced the end of this session (read from the outbox, to assert only) */
    static long logoutEvents(long sessionId) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM outbox_message"
                     + " WHERE message_type = 'session.UserLoggedOut' AND (payload::jsonb ->> 'sessionId')::bigint = ?")) {
            select.setLong(1, sessionId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** @return how many inactivity checks the scheduler sent since the given time */
    static long checksSince(Instant since) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM outbox_message"
                     + " WHERE message_type = 'session.LogoutInactiveUsers' AND created_at > ?")) {
            select.setObject(1, java.sql.Timestamp.from(since));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
