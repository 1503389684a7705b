package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import dev.outbox.Actor;
import dev.outbox.MessageKind;
import dev.outbox.consumer.DeadLetters;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageIds;
import dev.outbox.envelope.Payload;
import dev.outbox.envelope.SigningKey;
import dev.outbox.relay.testing.ArtemisBroker;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.outbox.sample.Concerts.text;
import static dev.outbox.sample.Lobby.awaitLoggedOut;
import static dev.outbox.sample.Lobby.awaitNotificationsAbout;
import static dev.outbox.sample.Lobby.gameOf;
import static dev.outbox.sample.Lobby.login;
import static dev.outbox.sample.Lobby.notificationsAbout;
import static dev.outbox.sample.Lobby.players;
import static dev.outbox.sample.Lobby.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 3, a scheduled system action: the scheduler's timer asks the session backend to log out
 * the inactive users; the session backend logs them out and publishes an event; the game backend
 * removes them from their games and has the notification backend tell the other players. Nobody
 * asked for any of it, so every message acts as the system, for no user.
 *
 * <p>The timer runs every second here, and sessions may idle ten minutes; a test that wants
 * someone logged out logs them in with an idle timeout of a few seconds, as a user on a shared
 * computer would.
 */
class InactivityLogoutIT extends OnWildFly {

    @Test
    void inactiveUserIsLoggedOutAndTheOtherPlayersOfEachOfTheirGamesAreToldOnce() throws Exception {
        Player ivan = Player.named("ivan");
        Player judy = Player.named("judy");
        Player kevin = Player.named("kevin");
        login(judy, null);
        login(kevin, null);
        String chess = uniqueName("Chess");
        String quiz = uniqueName("Quiz");
        long chessGame = gameOf(chess, ivan, judy);
        long quizGame = gameOf(quiz, kevin, ivan, judy);
        long session = login(ivan, "PT2S").getJsonNumber("id").longValue();

        JsonObject ended = awaitLoggedOut(ivan);

        assertThat(ended.getJsonNumber("id").longValue()).isEqualTo(session);
        assertThat(ended.getString("endedReason")).isEqualTo("INACTIVE");
        assertThat(ended.getString("endedBySender")).as("ended on the scheduler's command").isEqualTo("scheduler");
        assertThat(ended.getString("endedByActor")).isEqualTo("SYSTEM");
        assertThat(text(ended, "endedByUser")).as("a system action acts for nobody").isNull();
        for (Player other : List.of(judy, kevin)) {
            assertThat(other.session().getString("state")).as("%s was active", other.name()).isEqualTo("ACTIVE");
        }

        List<JsonObject> toldJudyOfChess = awaitNotificationsAbout(judy, chess);
        awaitNotificationsAbout(judy, quiz);
        awaitNotificationsAbout(kevin, quiz);
        assertThat(players(judy, chessGame)).containsExactly("judy");
        assertThat(players(judy, quizGame)).containsExactlyInAnyOrder("kevin", "judy");

        JsonObject notification = toldJudyOfChess.get(0);
        assertThat(notification.getString("text")).isEqualTo("ivan was logged out after being inactive and left " + chess);
        assertThat(notification.getString("sender")).isEqualTo("game");
        assertThat(notification.getString("actorKind")).isEqualTo("SYSTEM");
        assertThat(text(notification, "actorUser")).isNull();
        List<Causes.Step> trail = Causes.of(UUID.fromString(notification.getString("messageId")));
        assertThat(trail).extracting(Causes.Step::type)
                .containsExactly("notification.NotifyPlayers", "session.UserLoggedOut", "session.LogoutInactiveUsers");
        assertThat(trail).extracting(Causes.Step::sender).containsExactly("game", "session", "scheduler");
        assertThat(trail).allSatisfy(step -> {
            assertThat(step.actorKind()).isEqualTo("SYSTEM");
            assertThat(step.actorUser()).isNull();
            assertThat(step.correlationId()).isEqualTo(trail.get(0).correlationId());
        });

        // The timer keeps running: later checks must find nobody left to log out, and tell nobody again.
        Thread.sleep(3000);
        assertThat(notificationsAbout(judy, chess)).as("judy told once about %s", chess).hasSize(1);
        assertThat(notificationsAbout(judy, quiz)).as("judy told once about %s", quiz).hasSize(1);
        assertThat(notificationsAbout(kevin, quiz)).as("kevin told once").hasSize(1);
        assertThat(notificationsAbout(kevin, chess)).as("kevin does not play chess").isEmpty();
        assertThat(notificationsAbout(ivan, chess)).as("the user logged out is not told").isEmpty();
        assertThat(Lobby.logoutEvents(session)).as("logged out once").isEqualTo(1);
    }

    /**
     * The notification backend accepts {@code NotifyPlayers} from the game service as a system
     * action now, but a user without {@code player} is still refused: a message signed with the
     * game service's own key, acting for the organizer olga, is dead-lettered as unauthorized and
     * tells nobody anything.
     */
    @Test
    void notificationStillRefusesAUserWithoutThePlayerPermission() throws Exception {
        Player judy = Player.named("judy");
        String text = uniqueName("olga says hello");
        Envelope forged = signed("game", Actor.user("olga", Set.of("organizer")), "notification.NotifyPlayers", "notification.commands",
                Json.createObjectBuilder().add("gameId", 1).add("players", Json.createArrayBuilder().add("judy")).add("text", text).build().toString());

        DeadLetters.Entry refused = sendAndAwaitDeadLetter(forged, "notification");

        assertThat(refused.reason()).isEqualTo("unauthorized");
        assertThat(refused.error()).contains("user 'olga' lacks permissions [player]");
        assertThat(notificationsAbout(judy, text)).isEmpty();
    }

    /** Only the scheduler may ask for the logout of the inactive, and only as the system: no user can log others out. */
    @Test
    void sessionTakesTheLogoutCommandOnlyFromTheSchedulerAsTheSystem() throws Exception {
        String command = Json.createObjectBuilder().add("checkedAt", Instant.now().toString()).build().toString();

        DeadLetters.Entry fromGame = sendAndAwaitDeadLetter(
                signed("game", Actor.system(), "session.LogoutInactiveUsers", "session.commands", command), "session");
        DeadLetters.Entry fromAUser = sendAndAwaitDeadLetter(
                signed("scheduler", Actor.user("olga", Set.of("organizer")), "session.LogoutInactiveUsers", "session.commands", command), "session");

        assertThat(fromGame.reason()).isEqualTo("unauthorized");
        assertThat(fromGame.error()).contains("sender 'game' may not send session.LogoutInactiveUsers");
        assertThat(fromAUser.reason()).isEqualTo("unauthorized");
        assertThat(fromAUser.error()).contains("USER actions may not send session.LogoutInactiveUsers");
    }

    /**
     * A command as the named service would send it, signed with that service's key, on a key of
     * its own: a refused message parks its key, which must be no key the sample's own messages use.
     */
    private static Envelope signed(String service, Actor actor, String type, String queue, String json) {
        return SigningKey.parse(service + "-1", System.getProperty("sample.test." + service + "-key")).sign(new Envelope(MessageIds.next(),
                MessageKind.COMMAND, type, queue, "policy-test:" + UUID.randomUUID(), Payload.json(json), Map.of(), Instant.now(),
                null, null, null, service, actor, null));
    }

    private static DeadLetters.Entry sendAndAwaitDeadLetter(Envelope envelope, String consumer) throws Exception {
        try (ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(ArtemisBroker.get().url(), ArtemisBroker.USER,
                ArtemisBroker.PASSWORD)) {
            BrokerMessages.send(broker, envelope);
            return Concerts.await(envelope.type() + " dead-lettered by " + consumer,
                    () -> DeadLetters.at(broker, "outbox.dead-letters").list(consumer).stream()
                            .filter(entry -> entry.messageId().equals(envelope.id().toString())).findFirst().orElse(null),
                    entry -> true);
        }
    }

    @Test
    void userWhoKeepsTouchingTheirSessionStaysLoggedIn() throws Exception {
        Player lena = Player.named("lena");
        long session = login(lena, "PT6S").getJsonNumber("id").longValue();

        // Nine seconds, half a second apart: longer than the idle timeout, never idle that long.
        for (int i = 0; i < 18; i++) {
            Thread.sleep(500);
            HttpResponse<String> touched = lena.touch();
            assertThat(touched.statusCode()).as("touch %d: %s", i, touched.body()).isEqualTo(200);
        }

        JsonObject mine = lena.session();
        assertThat(mine.getJsonNumber("id").longValue()).isEqualTo(session);
        assertThat(mine.getString("state")).isEqualTo("ACTIVE");
        assertThat(Lobby.logoutEvents(session)).isZero();
    }

    @Test
    void loggedOutUserMustLogInAgainAndGetsANewSession() throws Exception {
        Player mike = Player.named("mike");
        long first = login(mike, "PT1S").getJsonNumber("id").longValue();
        awaitLoggedOut(mike);

        HttpResponse<String> touched = mike.touch();
        assertThat(touched.statusCode()).as("touch after logout: %s", touched.body()).isEqualTo(409);
        assertThat(Player.json(touched).getString("error")).isEqualTo("mike has no active session: log in again");

        JsonObject again = login(mike, null);
        assertThat(again.getJsonNumber("id").longValue()).isNotEqualTo(first);
        assertThat(again.getString("idleTimeout")).as("the server's limit").isEqualTo("PT10M");
        assertThat(text(again, "endedBySender")).isNull();
    }

    @Test
    void loginRefusesAnIdleTimeoutThatIsMalformedOrLongerThanTheLimit() throws Exception {
        Player nina = Player.named("nina");

        HttpResponse<String> malformed = nina.login("ten minutes");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Player.json(malformed).getString("error")).contains("idleTimeout is 'ten minutes'", "ISO-8601");

        HttpResponse<String> tooLong = nina.login("PT11M");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Player.json(tooLong).getString("error")).contains("'PT11M'", "longer than this server's limit PT10M");

        HttpResponse<String> none = nina.login("PT0S");
        assertThat(none.statusCode()).isEqualTo(400);
    }
}
