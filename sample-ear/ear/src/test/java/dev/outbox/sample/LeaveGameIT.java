package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1, an explicit user action followed by a command: a player leaves a game over REST; the
 * game backend records it and, in the same transaction, sends a command through its outbox; the
 * relay moves it to the broker; the notification backend's Message-Driven Bean stores a
 * notification for each other player. Runs the built EAR on the provisioned WildFly, as a client.
 */
class LeaveGameIT extends OnWildFly {

    private static final long GAME = 1;
    private static final long DELIVERY_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);

    @Test
    void otherPlayersAreToldOnceThatAPlayerLeft() throws Exception {
        HttpResponse<String> left = Player.named("alice").leave(GAME);
        assertThat(left.statusCode()).as("leave: %s", left.body()).isEqualTo(200);
        String messageId = Player.json(left).getString("messageId");

        for (String other : new String[] {"bob", "carol"}) {
            List<JsonObject> notifications = awaitNotificationsAbout(Player.named(other), messageId);
            assertThat(notifications).as("%s's notifications; %s", other, Diagnostics.describe()).hasSize(1);
            JsonObject notification = notifications.get(0);
            assertThat(notification.getString("text")).isEqualTo("alice left Friday quiz");
            assertThat(notification.getString("sender")).isEqualTo("game");
            assertThat(notification.getString("actorKind")).isEqualTo("USER");
            assertThat(notification.getString("actorUser")).isEqualTo("alice");
            assertThat(notification.getString("messageId")).isEqualTo(messageId);
        }
        assertThat(about(Player.named("alice").notifications(), messageId)).as("the player who left is not told").isEmpty();
        assertThat(count("SELECT count(*) FROM notification WHERE message_id = ?::uuid", messageId))
                .as("one notification per other player").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM outbox_inbox WHERE message_id = ?::uuid", messageId))
                .as("handled once by the notification consumer").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM game_player WHERE player = ? AND game_id = 1", "alice")).isZero();
    }

    @Test
    void leavingAGameOneIsNotInRecordsAndSendsNothing() throws Exception {
        HttpResponse<String> refused = Player.named("dave").leave(GAME);

        assertThat(refused.statusCode()).as("leave: %s", refused.body()).isEqualTo(409);
        assertThat(Player.json(refused).getString("error")).isEqualTo("dave is not a player of game 1");
        assertThat(count("SELECT count(*) FROM game_session_event WHERE player = ?", "dave"))
                .as("the session record written before the check was rolled back").isZero();
        assertThat(count("SELECT count(*) FROM outbox_message WHERE actor_user = ?", "dave"))
                .as("no outbox entry, so nothing can reach the notification backend").isZero();
        assertThat(Player.named("dave").notifications()).isEmpty();
    }

    @Test
    void anonymousCallersAreRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(Player.api("games/1/leave")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /**
     * Polls the player's notifications until some were asked for by the message; delivery is
     * asynchronous. Only that message's count: other suites (the page's) play game 3 with the same players.
     */
    private static List<JsonObject> awaitNotificationsAbout(Player player, String messageId) throws Exception {
        long deadline = System.currentTimeMillis() + DELIVERY_TIMEOUT_MS;
        List<JsonObject> notifications = about(player.notifications(), messageId);
        while (notifications.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            notifications = about(player.notifications(), messageId);
        }
        return notifications;
    }

    private static List<JsonObject> about(JsonArray notifications, String messageId) {
        return notifications.getValuesAs(JsonObject.class).stream().filter(n -> n.getString("messageId").equals(messageId)).toList();
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection connection = SampleEnvironment.database().connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
