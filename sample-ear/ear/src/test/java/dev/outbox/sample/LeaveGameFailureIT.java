package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import static dev.outbox.sample.Lobby.awaitNotificationsAbout;
import static dev.outbox.sample.Lobby.gameOf;
import static dev.outbox.sample.Lobby.notificationsAbout;
import static dev.outbox.sample.Lobby.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1 under failure: the relay killed the moment a leave committed, and the notification
 * backend's handler failing once. Either way the other players are told once, and the player who
 * left is not told at all.
 */
class LeaveGameFailureIT extends OnWildFly {

    /**
     * The relay dies as soon as the leave has committed: the command may still be in the WAL, on
     * its way to the broker, or already there with its offset not stored. Restarted, the relay
     * streams again from the stored offset; the broker's duplicate detection and the consumer's
     * inbox drop what had already gone through.
     */
    @Test
    void relayKilledRightAfterALeaveCommittedTellsTheOthersOnceAfterARestart() throws Exception {
        Player frank = Player.named("frank");
        Player grace = Player.named("grace");
        Player heidi = Player.named("heidi");
        String game = uniqueName("Poker");
        long gameId = gameOf(game, frank, grace, heidi);

        HttpResponse<String> left = frank.leave(gameId);
        SampleEnvironment.killRelay();
        try {
            assertThat(left.statusCode()).as("leave: %s", left.body()).isEqualTo(200);
            Thread.sleep(1000);
        } finally {
            SampleEnvironment.restartRelay();
        }

        List<JsonObject> toGrace = awaitNotificationsAbout(grace, game);
        awaitNotificationsAbout(heidi, game);
        Thread.sleep(3000);
        assertThat(notificationsAbout(grace, game)).as("grace told once").hasSize(1);
        assertThat(notificationsAbout(heidi, game)).as("heidi told once").hasSize(1);
        assertThat(notificationsAbout(frank, game)).as("the player who left is not told").isEmpty();
        assertThat(toGrace.get(0).getString("messageId")).isEqualTo(Player.json(left).getString("messageId"));
    }

    /**
     * The test writes a notification for grace under the command's id and keeps its transaction
     * open, as a stuck writer would: the handler waits for that row up to its lock timeout, fails,
     * its transaction rolls back (nobody is told, the inbox does not record the message), and the
     * failure is recorded. Once the test's transaction is gone, the broker's redelivery succeeds.
     */
    @Test
    void notificationHandlerFailingOnceTellsTheOthersOnceAfterRedelivery() throws Exception {
        Player frank = Player.named("frank");
        Player grace = Player.named("grace");
        Player heidi = Player.named("heidi");
        String game = uniqueName("Rummy");
        long gameId = gameOf(game, frank, grace, heidi);

        // The relay stays away until the blocking row is written, so the command cannot be handled first.
        SampleEnvironment.killRelay();
        UUID messageId;
        try (Connection blocker = SampleEnvironment.database().connection()) {
            try {
                HttpResponse<String> left = frank.leave(gameId);
                assertThat(left.statusCode()).as("leave: %s", left.body()).isEqualTo(200);
                messageId = UUID.fromString(Player.json(left).getString("messageId"));
                blocker.setAutoCommit(false);
                try (PreparedStatement insert = blocker.prepareStatement("INSERT INTO notification"
                        + " (recipient, text, message_id, sender, actor_kind) VALUES ('grace', 'held by the test', ?, 'test', 'SYSTEM')")) {
                    insert.setObject(1, messageId);
                    insert.executeUpdate();
                }
            } finally {
                SampleEnvironment.restartRelay();
            }
            String error = Concerts.await("the notification consumer's first failed attempt", () -> failure(messageId), e -> true);
            assertThat(error).contains("lock timeout");
            assertThat(notificationsAbout(heidi, game)).as("nobody told while the handler fails").isEmpty();
            blocker.rollback();
        }

        awaitNotificationsAbout(grace, game);
        awaitNotificationsAbout(heidi, game);
        Thread.sleep(2000);
        assertThat(notificationsAbout(grace, game)).as("grace told once despite the failed attempt").hasSize(1);
        assertThat(notificationsAbout(heidi, game)).as("heidi told once").hasSize(1);
        assertThat(Player.named("grace").notifications().getValuesAs(JsonObject.class))
                .as("the test's row never committed").noneMatch(n -> "held by the test".equals(n.getString("text")));
    }

    /** @return the last error the notification consumer recorded for the message while it is retried, or {@code null} */
    private static String failure(UUID messageId) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_error FROM outbox_consumer_failure WHERE consumer = 'notification' AND message_id = ?")) {
            select.setObject(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
