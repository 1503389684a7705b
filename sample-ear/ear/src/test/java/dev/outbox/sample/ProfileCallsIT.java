package dev.outbox.sample;

import dev.outbox.Actor;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2 from the user backend's side: the calls the game never makes, made by the test as a
 * service would (signing with the game's or the tickets service's key, or a key nobody trusts).
 * The user backend grants only what the user acted for may see, only to services allowed to ask,
 * and records which service asked for whom and what it answered; calls that prove no caller are
 * refused and recorded nowhere.
 */
class ProfileCallsIT extends OnWildFly {

    private static final Actor ALICE = Actor.proxiedUser("alice", Set.of("player"));

    @Test
    void theGameActingForAliceGetsOnlyThePublicPartOfBobsProfile() throws Exception {
        HttpResponse<String> answer = ServiceCaller.game().readProfile("bob", Player.named("alice").bearer().token(), ALICE);

        assertThat(answer.statusCode()).as("%s", answer.body()).isEqualTo(200);
        JsonObject profile = Player.json(answer);
        assertThat(profile.getString("displayName")).isEqualTo("Bob Baker");
        assertThat(profile.getString("visibility")).isEqualTo("PUBLIC");
        assertThat(profile.containsKey("email")).isFalse();
        assertThat(answer.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void aUserCannotGoAroundTheServiceToTheUserBackend() throws Exception {
        Bearer alice = Player.named("alice").bearer();
        long audited = ProfileAudit.callsActingFor("alice");

        HttpResponse<String> refused = alice.profile("alice");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Player.json(refused).getString("error"))
                .isEqualTo("the call does not say which service makes it: it carries no signed outbox_* headers");
        assertThat(ProfileAudit.callsActingFor("alice")).as("no caller proven, nothing recorded").isEqualTo(audited);
    }

    @Test
    void aTrustedServiceThatMayNotCallForUsersIsRefusedAndAudited() throws Exception {
        Bearer alice = Player.named("alice").bearer();
        Map<String, String> call = ServiceCaller.tickets().sign("bob", alice.token(), ALICE);

        HttpResponse<String> refused = ServiceCaller.send("bob", alice.token(), call);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Player.json(refused).getString("error")).isEqualTo("service tickets may not read profiles for users (allowed: game)");
        JsonObject access = accessWithId(Player.named("bob").bearer(), call.get("outbox_id"));
        assertThat(access.getString("caller")).isEqualTo("tickets");
        assertThat(access.getString("actorUser")).isEqualTo("alice");
        assertThat(access.getString("answer")).isEqualTo("FORBIDDEN");
        assertThat(access.getString("reason")).isEqualTo("service tickets may not read profiles for users (allowed: game)");
    }

    @Test
    void callsSignedWithAKeyNobodyTrustsOrAnotherServicesKeyIdAreRefusedAndRecordedNowhere() throws Exception {
        String token = Player.named("alice").bearer().token();
        Map<String, String> stranger = ServiceCaller.signingAs("game", "game-2", randomKey(), Clock.systemUTC()).sign("bob", token, ALICE);
        Map<String, String> forger = ServiceCaller.signingAs("game", "game-1", randomKey(), Clock.systemUTC()).sign("bob", token, ALICE);
        Map<String, String> impostor = ServiceCaller.signingAs("game", "tickets-1", System.getProperty("sample.test.tickets-key"),
                Clock.systemUTC()).sign("bob", token, ALICE);

        assertNotTrusted(ServiceCaller.send("bob", token, stranger), "UNKNOWN_KEY");
        assertNotTrusted(ServiceCaller.send("bob", token, forger), "MISMATCH");
        assertNotTrusted(ServiceCaller.send("bob", token, impostor), "WRONG_SENDER");
        for (Map<String, String> call : List.of(stranger, forger, impostor)) {
            assertThat(ProfileAudit.callsWithId(call.get("outbox_id"))).isZero();
        }
    }

    @Test
    void aSignatureCoversOnePathAndOneToken() throws Exception {
        String alice = Player.named("alice").bearer().token();
        String bob = Player.named("bob").bearer().token();
        Map<String, String> forBobsProfile = ServiceCaller.game().sign("bob", alice, ALICE);

        assertNotTrusted(ServiceCaller.send("dave", alice, forBobsProfile), "MISMATCH");
        assertNotTrusted(ServiceCaller.send("bob", bob, forBobsProfile), "MISMATCH");
        assertThat(ServiceCaller.send("bob", alice, forBobsProfile).statusCode()).as("as signed").isEqualTo(200);
    }

    @Test
    void aSignedCallIsAnsweredOnce() throws Exception {
        String token = Player.named("alice").bearer().token();
        Map<String, String> call = ServiceCaller.game().sign("bob", token, ALICE);
        assertThat(ServiceCaller.send("bob", token, call).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = ServiceCaller.send("bob", token, call);

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(Player.json(replay).getString("error")).endsWith("was answered before: each signed call is answered once");
        assertThat(ProfileAudit.callsWithId(call.get("outbox_id"))).as("recorded once").isEqualTo(1);
    }

    @Test
    void aCallSignedLongAgoIsRefused() throws Exception {
        String token = Player.named("alice").bearer().token();
        Clock twoMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2));

        HttpResponse<String> stale = ServiceCaller.signingAs("game", "game-1", System.getProperty("sample.test.game-key"), twoMinutesAgo)
                .readProfile("bob", token, ALICE);

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(Player.json(stale).getString("error")).contains("away from this server's clock; at most 30 s are accepted");
    }

    @Test
    void theServiceCannotActForAnotherUserThanTheTokensHolder() throws Exception {
        String alice = Player.named("alice").bearer().token();

        HttpResponse<String> refused = ServiceCaller.game().readProfile("bob", alice, Actor.proxiedUser("bob", Set.of("player")));

        assertForbidden(refused, "the call acts for bob but forwards the token of alice");
    }

    @Test
    void theServiceCannotClaimMorePermissionsThanTheTokenCarries() throws Exception {
        String alice = Player.named("alice").bearer().token();

        HttpResponse<String> refused = ServiceCaller.game().readProfile("bob", alice, Actor.proxiedUser("alice", Set.of("player", "organizer")));

        assertForbidden(refused, "the call claims the permissions [organizer, player] for alice, whose token carries [player]");
    }

    @Test
    void aCallMustActForAUserNotAsTheUserNorAsTheSystem() throws Exception {
        String alice = Player.named("alice").bearer().token();

        assertForbidden(ServiceCaller.game().readProfile("bob", alice, Actor.system()),
                "a call for a profile must act for a user (PROXIED_USER), this one is a SYSTEM action");
        assertForbidden(ServiceCaller.game().readProfile("bob", alice, Actor.user("alice", Set.of("player"))),
                "a call for a profile must act for a user (PROXIED_USER), this one is a USER action");
    }

    @Test
    void aUserWithoutThePlayersPermissionGetsNoProfileWhicheverServiceAsks() throws Exception {
        String olga = Player.named("olga").bearer().token();

        HttpResponse<String> refused = ServiceCaller.game().readProfile("bob", olga, Actor.proxiedUser("olga", Set.of("organizer")));

        assertForbidden(refused, "olga lacks the permission player that reading profiles needs");
    }

    @Test
    void theUserBackendAsksTheAuthBackendToo() throws Exception {
        Bearer alice = Player.named("alice").bearer();
        Map<String, String> call = ServiceCaller.game().sign("bob", alice.token(), ALICE);
        assertThat(alice.revoke().statusCode()).isEqualTo(204);

        HttpResponse<String> refused = ServiceCaller.send("bob", alice.token(), call);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Player.json(refused).getString("answer")).isEqualTo("UNAUTHENTICATED");
        assertThat(Player.json(refused).getString("error")).startsWith("the auth backend refuses the token the call forwards: token of alice was revoked at ");
        assertThat(ProfileAudit.callsWithId(call.get("outbox_id"))).as("the caller is proven: recorded").isEqualTo(1);
    }

    @Test
    void aUserSeesWhoReadTheirOwnProfileOnly() throws Exception {
        HttpResponse<String> refused = Player.named("bob").bearer().accesses("alice");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Player.json(refused).getString("error")).isEqualTo("bob may not see who read the profile of alice: only alice may");
        assertThat(Bearer.forged("alice").accesses("alice").statusCode()).isEqualTo(401);
    }

    private static void assertNotTrusted(HttpResponse<String> response, String problem) {
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(401);
        assertThat(Player.json(response).getString("error")).startsWith("the call's signature does not hold (" + problem + ")");
    }

    /** Refused with 403, and recorded so: the user whose profile it was sees the attempt. */
    private static void assertForbidden(HttpResponse<String> response, String reason) throws Exception {
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(403);
        assertThat(Player.json(response).getString("error")).isEqualTo(reason);
        assertThat(Player.json(response).getString("answer")).isEqualTo("FORBIDDEN");
        List<JsonObject> bobs = Player.named("bob").bearer().ownAccesses().getValuesAs(JsonObject.class);
        assertThat(bobs.get(bobs.size() - 1).getString("reason")).isEqualTo(reason);
    }

    private static JsonObject accessWithId(Bearer holder, String requestId) throws Exception {
        return holder.ownAccesses().getValuesAs(JsonObject.class).stream()
                .filter(access -> requestId.equals(access.getString("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no access " + requestId + " in " + holder.user() + "'s audit"));
    }

    private static String randomKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return "hmac-sha256:" + Base64.getEncoder().encodeToString(secret);
    }
}
