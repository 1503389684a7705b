package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.outbox.sample.GameDetailsIT.GAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2 refused: tokens the auth backend refuses (expired, forged, revoked), no token at all,
 * users who may not see the game. Each time the game answers as it should and asks the user backend
 * for nothing, which its audit shows.
 */
class GameDetailsFailureIT extends OnWildFly {

    @Test
    void expiredTokenIsRefusedAndNoProfileIsRead() throws Exception {
        Bearer dave = Bearer.issued(Player.named("dave"), "PT1S");
        assertThat(dave.gameDetails(GAME).statusCode()).as("valid while it lasts").isEqualTo(200);
        long audited = ProfileAudit.callsActingFor("dave");
        Thread.sleep(1500);

        HttpResponse<String> refused = dave.gameDetails(GAME);

        assertRefusedToken(refused, "EXPIRED", "token of dave expired at ");
        assertThat(Player.json(dave.validate()).getString("reason")).isEqualTo("EXPIRED");
        assertThat(ProfileAudit.callsActingFor("dave")).as("no call made for dave").isEqualTo(audited);
    }

    @Test
    void forgedTokenIsUnknownToTheAuthBackend() throws Exception {
        long audited = ProfileAudit.callsActingFor("alice");

        HttpResponse<String> refused = Bearer.forged("alice").gameDetails(GAME);

        assertRefusedToken(refused, "UNKNOWN", "unknown token: it was never issued here");
        assertThat(ProfileAudit.callsActingFor("alice")).isEqualTo(audited);
    }

    @Test
    void revokedTokenIsRefusedFromTheNextRequestOn() throws Exception {
        Bearer bob = Player.named("bob").bearer();
        assertThat(bob.gameDetails(GAME).statusCode()).isEqualTo(200);

        assertThat(bob.revoke().statusCode()).isEqualTo(204);

        assertRefusedToken(bob.validate(), "REVOKED", "token of bob was revoked at ");
        assertRefusedToken(bob.gameDetails(GAME), "REVOKED", "token of bob was revoked at ");
        assertThat(bob.revoke().statusCode()).as("revoking again changes nothing").isEqualTo(204);
        assertThat(Bearer.forged("bob").revoke().statusCode()).as("an unknown token cannot be revoked").isEqualTo(401);
        assertThat(Player.named("bob").bearer().gameDetails(GAME).statusCode()).as("a new token works").isEqualTo(200);
    }

    @Test
    void passwordOrNothingIsNoTokenForGameDetails() throws Exception {
        HttpResponse<String> withPassword = Player.named("alice").gameDetailsWithPassword(GAME);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Player.api("games/" + GAME)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withPassword.statusCode()).isEqualTo(401);
        assertThat(Player.json(withPassword).getString("reason")).isEqualTo("MISSING");
        assertThat(Player.json(withPassword).getString("error")).isEqualTo("the Authorization header must be 'Bearer <token>', was 'Basic ...'");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sample\"");
    }

    @Test
    void aUserWhoIsNotAPlayerOfTheGameIsRefusedAndNoProfileIsRead() throws Exception {
        long audited = ProfileAudit.callsActingFor("carol");

        HttpResponse<String> refused = Player.named("carol").bearer().gameDetails(GAME);

        assertThat(refused.statusCode()).as("details: %s", refused.body()).isEqualTo(403);
        assertThat(Player.json(refused).getString("error")).isEqualTo("carol is not a player of game 2: only its players see its details");
        assertThat(ProfileAudit.callsActingFor("carol")).isEqualTo(audited);
    }

    @Test
    void anOrganizerLacksThePlayersPermission() throws Exception {
        long audited = ProfileAudit.callsActingFor("olga");

        HttpResponse<String> refused = Player.named("olga").bearer().gameDetails(GAME);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Player.json(refused).getString("error")).isEqualTo("olga may not see games: the token lacks the permission player");
        assertThat(ProfileAudit.callsActingFor("olga")).isEqualTo(audited);
    }

    @Test
    void noSuchGame() throws Exception {
        HttpResponse<String> missing = Player.named("alice").bearer().gameDetails(99);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Player.json(missing).getString("error")).isEqualTo("there is no game 99");
    }

    static void assertRefusedToken(HttpResponse<String> response, String reason, String errorStart) {
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(401);
        JsonObject body = Player.json(response);
        assertThat(body.getString("reason")).isEqualTo(reason);
        assertThat(body.getString("error")).startsWith(errorStart);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sample\", error=\"invalid_token\"");
    }
}
