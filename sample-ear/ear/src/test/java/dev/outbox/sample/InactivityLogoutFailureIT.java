package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

import static dev.outbox.sample.Lobby.awaitLoggedOut;
import static dev.outbox.sample.Lobby.awaitNotificationsAbout;
import static dev.outbox.sample.Lobby.gameOf;
import static dev.outbox.sample.Lobby.login;
import static dev.outbox.sample.Lobby.notificationsAbout;
import static dev.outbox.sample.Lobby.players;
import static dev.outbox.sample.Lobby.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 3 under failure: the relay killed while the logout's messages wait to flow, a backlog
 * of timer runs arriving at once (overlapping runs), and the game backend's consumer failing once.
 * However often a run fires or a message is delivered, each user is logged out once and each other
 * player told once.
 */
class InactivityLogoutFailureIT extends OnWildFly {

    /**
     * With the relay down, the timer goes on firing: each run's command is committed to the outbox
     * and waits in the WAL, and nobody is logged out. Restarted, the relay delivers the whole
     * backlog at once, so the session backend handles several runs side by side; only one of them
     * logs the user out.
     */
    @Test
    void runsPiledUpWhileTheRelayWasDownLogTheUserOutOnceWhenItIsBack() throws Exception {
        Player ivan = Player.named("ivan");
        Player judy = Player.named("judy");
        login(judy, null);
        String game = uniqueName("Backgammon");
        long gameId = gameOf(game, judy, ivan);

        Instant killed = Instant.now();
        SampleEnvironment.killRelay();
        long session;
        try {
            session = login(ivan, "PT1S").getJsonNumber("id").longValue();
            // Several runs fire after ivan's timeout; without the relay none of them reaches the session backend.
            Thread.sleep(5000);
            assertThat(ivan.session().getString("state")).as("no relay, no logout").isEqualTo("ACTIVE");
            assertThat(Lobby.checksSince(killed)).as("runs waiting in the outbox").isGreaterThanOrEqualTo(3);
        } finally {
            SampleEnvironment.restartRelay();
        }

        JsonObject ended = awaitLoggedOut(ivan);
        assertThat(ended.getJsonNumber("id").longValue()).isEqualTo(session);
        awaitNotificationsAbout(judy, game);
        Thread.sleep(3000);
        assertThat(Lobby.logoutEvents(session)).as("logged out by one run only").isEqualTo(1);
        assertThat(notificationsAbout(judy, game)).as("judy told once").hasSize(1);
        assertThat(players(judy, gameId)).containsExactly("judy");
    }

    /**
     * The relay dies the moment the session backend has committed the logout and its event: the
     * event, the game backend's command it causes and their notifications are somewhere between
     * the WAL, the broker and the consumers (how far they got depends on the machine, which is the
     * point). Entries streamed before the kill are streamed again after the restart; the broker's
     * duplicate detection and the consumers' inboxes drop them, so each player is told once.
     */
    @Test
    void relayKilledWhileTheLogoutFlowsTellsThePlayersOnceAfterARestart() throws Exception {
        Player kevin = Player.named("kevin");
        Player lena = Player.named("lena");
        Player mike = Player.named("mike");
        login(lena, null);
        login(mike, null);
        String game = uniqueName("Go");
        long gameId = gameOf(game, kevin, lena, mike);
        long session = login(kevin, "PT1S").getJsonNumber("id").longValue();

        awaitCommitted(() -> Lobby.logoutEvents(session) > 0);
        SampleEnvironment.killRelay();
        try {
            Thread.sleep(1000);
        } finally {
            SampleEnvironment.restartRelay();
        }

        awaitNotificationsAbout(lena, game);
        awaitNotificationsAbout(mike, game);
        Thread.sleep(3000);
        assertThat(notificationsAbout(lena, game)).as("lena told once").hasSize(1);
        assertThat(notificationsAbout(mike, game)).as("mike told once").hasSize(1);
        assertThat(Lobby.logoutEvents(session)).isEqualTo(1);
        assertThat(awaitLoggedOut(kevin).getJsonNumber("id").longValue()).isEqualTo(session);
        assertThat(players(lena, gameId)).containsExactlyInAnyOrder("lena", "mike");
    }

    /** Polls the database every few milliseconds, so the relay is killed as close as possible to the commit. */
    private static void awaitCommitted(java.util.concurrent.Callable<Boolean> committed) throws Exception {
        long deadline = System.currentTimeMillis() + Concerts.TIMEOUT_MS;
        while (!committed.call()) {
            assertThat(System.currentTimeMillis()).as("the logout committed in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * The test holds a lock on the user's seats in the game, as a stuck session would: the game backend's
     * handler of the logout gives up after its lock timeout, the transaction rolls back, the failure
     * is recorded and the broker delivers the event again; once the lock is gone it succeeds, and
     * the other player is told once.
     */
    @Test
    void gameConsumerFailingOnceTellsThePlayersOnceAfterRedelivery() throws Exception {
        Player nina = Player.named("nina");
        Player judy = Player.named("judy");
        login(judy, null);
        String game = uniqueName("Bridge");
        long gameId = gameOf(game, nina, judy);
        Instant start = Instant.now();

        try (Connection blocker = SampleEnvironment.database().connection()) {
            blocker.setAutoCommit(false);
            // Only nina's seats: the logouts of other users, which the timer may be handling meanwhile, go on.
            try (PreparedStatement lock = blocker.prepareStatement("SELECT game_id FROM game_player WHERE player = ? FOR UPDATE")) {
                lock.setString(1, "nina");
                lock.executeQuery().close();
            }
            login(nina, "PT1S");
            awaitLoggedOut(nina);
            String error = Concerts.await("the game consumer's first failed attempt", () -> logoutFailure("nina", start), e -> true);
            assertThat(error).contains("lock timeout");
            blocker.commit();
        }

        awaitNotificationsAbout(judy, game);
        Thread.sleep(2000);
        assertThat(notificationsAbout(judy, game)).as("told once despite the failed attempt").hasSize(1);
        assertThat(players(judy, gameId)).containsExactly("judy");
    }

    /** @return the last error the game consumer recorded for the user's logout event while it is retried, or {@code null} */
    private static String logoutFailure(String user, Instant since) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection();
             PreparedStatement select = connection.prepareStatement("SELECT f.last_error FROM outbox_consumer_failure f"
                     + " JOIN outbox_message m ON m.id = f.message_id"
                     + " WHERE f.consumer = 'game' AND m.message_type = 'session.UserLoggedOut' AND m.message_key = ? AND m.created_at > ?")) {
            select.setString(1, "user:" + user);
            select.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
