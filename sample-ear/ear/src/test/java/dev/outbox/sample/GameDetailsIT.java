package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2, a proxied user action, synchronous: a player asks the game backend for a game's
 * details with a bearer token; the game validates the token with the auth backend and reads each
 * player's profile from the user backend over HTTP, acting for the player with the player's
 * permissions only; the user backend shows the player their own profile whole and the others'
 * public part, and audits which service called for whom. Asserted as the users see it over HTTP.
 */
class GameDetailsIT extends OnWildFly {

    static final long GAME = 2;

    @Test
    void playerSeesTheGameWithHerOwnWholeProfileAndTheOtherPlayersPublicPartOnly() throws Exception {
        Bearer alice = Player.named("alice").bearer();

        HttpResponse<String> response = alice.gameDetails(GAME);

        assertThat(response.statusCode()).as("details: %s", response.body()).isEqualTo(200);
        JsonObject details = Player.json(response);
        assertThat(details.getString("name")).isEqualTo("Sunday chess");
        assertThat(details.getString("viewer")).isEqualTo("alice");
        Map<String, JsonObject> players = byName(details.getJsonArray("players"));
        assertThat(players).containsOnlyKeys("alice", "bob", "dave");
        assertThat(players.get("alice").getString("visibility")).isEqualTo("FULL");
        assertThat(players.get("alice").getString("displayName")).isEqualTo("Alice Archer");
        assertThat(players.get("alice").getString("email")).isEqualTo("alice@example.org");
        assertThat(players.get("alice").getString("phone")).isEqualTo("+41 79 100 00 01");
        for (String other : List.of("bob", "dave")) {
            assertThat(players.get(other).getString("visibility")).isEqualTo("PUBLIC");
            assertThat(players.get(other).containsKey("email")).as("%s's email shown to alice", other).isFalse();
            assertThat(players.get(other).containsKey("phone")).as("%s's phone shown to alice", other).isFalse();
        }
        assertThat(players.get("bob").getString("displayName")).isEqualTo("Bob Baker");
    }

    @Test
    void eachPlayerSeesOnlyTheirOwnPrivatePart() throws Exception {
        JsonObject details = Player.json(Player.named("bob").bearer().gameDetails(GAME));

        Map<String, JsonObject> players = byName(details.getJsonArray("players"));
        assertThat(players.get("bob").getString("visibility")).isEqualTo("FULL");
        assertThat(players.get("bob").getString("email")).isEqualTo("bob@example.org");
        assertThat(players.get("alice").getString("visibility")).isEqualTo("PUBLIC");
        assertThat(players.get("alice").containsKey("email")).isFalse();
    }

    /** The audit, as each user whose profile was read sees it: the game called, for alice, with her permissions. */
    @Test
    void everyPlayerSeesThatTheGameReadTheirProfileForTheViewer() throws Exception {
        JsonObject details = Player.json(Player.named("alice").bearer().gameDetails(GAME));
        String correlationId = details.getString("correlationId");

        for (String player : List.of("alice", "bob", "dave")) {
            List<JsonObject> accesses = accessesFor(Player.named(player).bearer(), correlationId);
            assertThat(accesses).as("%s's profile read once for this request", player).hasSize(1);
            JsonObject access = accesses.get(0);
            assertThat(access.getString("caller")).isEqualTo("game");
            assertThat(access.getString("actorKind")).isEqualTo("PROXIED_USER");
            assertThat(access.getString("actorUser")).isEqualTo("alice");
            assertThat(strings(access.getJsonArray("actorPermissions"))).containsExactly("player");
            assertThat(access.getString("answer")).isEqualTo(player.equals("alice") ? "FULL" : "PUBLIC");
            assertThat(access.containsKey("reason")).isFalse();
        }
        assertThat(ProfileAudit.count("SELECT count(*) FROM user_profile_access WHERE correlation_id = ?::uuid", correlationId))
                .as("one call per player, no more").isEqualTo(3);
    }

    /**
     * The immutable request: validating a token any number of times gets the same answer and
     * leaves the auth backend's table exactly as it was.
     */
    @Test
    void validatingATokenIsARepeatableReadThatChangesNothing() throws Exception {
        Bearer alice = Player.named("alice").bearer();
        List<String> before = authTokenRows();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> validation = alice.validate();
            assertThat(validation.statusCode()).as("validation %d: %s", i, validation.body()).isEqualTo(200);
            assertThat(validation.headers().firstValue("Cache-Control").orElse(""))
                    .as("cacheable by the caller alone, for a few seconds at most").contains("private").containsPattern("max-age=[0-5]\\b");
            answers.add(validation.body());
        }
        assertThat(Player.json(alice.gameDetails(GAME)).getString("viewer")).isEqualTo("alice");

        assertThat(answers).as("the same answer every time").containsOnly(answers.get(0));
        JsonObject answer = Player.json(alice.validate());
        assertThat(answer.getString("user")).isEqualTo("alice");
        assertThat(strings(answer.getJsonArray("permissions"))).containsExactly("player");
        assertThat(authTokenRows()).as("no row written, none changed").isEqualTo(before);
    }

    @Test
    void aTokenCarriesTheUsersRolesAndLivesAsLongAsAskedUpToTheLongest() throws Exception {
        JsonObject organizer = Player.json(Player.named("olga").issueToken(null));
        assertThat(strings(organizer.getJsonArray("permissions"))).containsExactly("organizer");
        assertThat(lifetime(organizer)).as("the longest, by default").isEqualTo(Duration.ofMinutes(15));

        JsonObject shortOne = Player.json(Player.named("alice").issueToken("PT2M"));
        assertThat(strings(shortOne.getJsonArray("permissions"))).containsExactly("player");
        assertThat(lifetime(shortOne)).isEqualTo(Duration.ofMinutes(2));
        assertThat(lifetime(Player.json(Player.named("alice").issueToken("PT2H")))).as("shortened to the longest").isEqualTo(Duration.ofMinutes(15));

        HttpResponse<String> invalid = Player.named("alice").issueToken("tomorrow");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Player.json(invalid).getString("error")).isEqualTo("lifetime 'tomorrow' is not an ISO-8601 duration such as PT10M");
    }

    static List<JsonObject> accessesFor(Bearer holder, String correlationId) throws Exception {
        return holder.ownAccesses().getValuesAs(JsonObject.class).stream()
                .filter(access -> correlationId.equals(access.getString("correlationId", null))).toList();
    }

    static Map<String, JsonObject> byName(JsonArray players) {
        return players.getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(p -> p.getString("name"), Function.identity()));
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Duration lifetime(JsonObject token) {
        return Duration.between(Instant.parse(token.getString("issuedAt")), Instant.parse(token.getString("expiresAt")));
    }

    /** @return every row of the auth backend's table, as text */
    static List<String> authTokenRows() throws Exception {
        try (Connection connection = SampleEnvironment.database().connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, encode(token_sha256, 'hex'), user_name, permissions, issued_at, expires_at,"
                     + " revoked_at, xmin FROM auth_token ORDER BY id")) {
            List<String> all = new ArrayList<>();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    row.append(rows.getString(i)).append('|');
                }
                all.add(row.toString());
            }
            return all;
        }
    }
}
