package dev.outbox.sample.calls;

import dev.outbox.Actor;
import dev.outbox.ActionKind;
import dev.outbox.envelope.EnvelopeVerifier;
import dev.outbox.envelope.SigningKey;
import dev.outbox.envelope.TrustedKey;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String GAME_KEY = key();
    private static final CallRequest BOBS_PROFILE = new CallRequest("GET", "/sample/api/users/bob/profile", "alice-token");
    private static final Actor ALICE = Actor.proxiedUser("alice", Set.of("player"));

    private final CallSigner game = new CallSigner("game", SigningKey.parse("game-1", GAME_KEY), Clock.fixed(NOW, ZoneOffset.UTC));
    private final CallVerifier user = verifierAt(NOW);

    @Test
    void signedCallNamesItsCallerActorAndCorrelation() {
        UUID correlation = UUID.randomUUID();

        VerifiedCall call = user.verify(game.sign(BOBS_PROFILE, "user", ALICE, correlation), BOBS_PROFILE);

        assertThat(call.caller()).isEqualTo("game");
        assertThat(call.actor().kind()).isEqualTo(ActionKind.PROXIED_USER);
        assertThat(call.actor().userId()).isEqualTo("alice");
        assertThat(call.actor().permissions()).containsExactly("player");
        assertThat(call.correlationId()).isEqualTo(correlation);
        assertThat(call.createdAt()).isEqualTo(NOW);
    }

    @Test
    void headerNamesAreReadInAnyCase() {
        Map<String, String> upper = new HashMap<>();
        game.sign(BOBS_PROFILE, "user", ALICE, null).forEach((name, value) -> upper.put(name.toUpperCase(), value));

        assertThat(user.verify(upper, BOBS_PROFILE).caller()).isEqualTo("game");
    }

    @Test
    void callWithoutSignatureIsRefused() {
        assertThatThrownBy(() -> user.verify(Map.of("Authorization", "Bearer alice-token"), BOBS_PROFILE))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("does not say which service");
    }

    @Test
    void signatureForAnotherPathDoesNotHold() {
        Map<String, String> headers = game.sign(BOBS_PROFILE, "user", ALICE, null);

        assertThatThrownBy(() -> user.verify(headers, new CallRequest("GET", "/sample/api/users/carol/profile", "alice-token")))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("MISMATCH");
    }

    @Test
    void signatureForAnotherTokenDoesNotHold() {
        Map<String, String> headers = game.sign(BOBS_PROFILE, "user", ALICE, null);

        assertThatThrownBy(() -> user.verify(headers, new CallRequest("GET", BOBS_PROFILE.target(), "bob-token")))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("MISMATCH");
    }

    @Test
    void alteredActorDoesNotHold() {
        Map<String, String> headers = new HashMap<>(game.sign(BOBS_PROFILE, "user", ALICE, null));
        headers.put("outbox_actor_user", "bob");

        assertThatThrownBy(() -> user.verify(headers, BOBS_PROFILE)).isInstanceOf(CallNotTrustedException.class).hasMessageContaining("MISMATCH");
    }

    @Test
    void keyOfAnUntrustedServiceIsRefused() {
        CallSigner stranger = new CallSigner("game", SigningKey.parse("stranger-1", key()), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> user.verify(stranger.sign(BOBS_PROFILE, "user", ALICE, null), BOBS_PROFILE))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("UNKNOWN_KEY");
    }

    @Test
    void serviceSigningWithAnotherServicesKeyIdIsRefused() {
        CallSigner forger = new CallSigner("game", SigningKey.parse("game-1", key()), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> user.verify(forger.sign(BOBS_PROFILE, "user", ALICE, null), BOBS_PROFILE))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("MISMATCH");
    }

    @Test
    void callSignedForAnotherServiceIsRefused() {
        assertThatThrownBy(() -> user.verify(game.sign(BOBS_PROFILE, "payment", ALICE, null), BOBS_PROFILE))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("for 'payment'");
    }

    @Test
    void callOlderOrNewerThanTheAcceptedAgeIsRefused() {
        Map<String, String> headers = game.sign(BOBS_PROFILE, "user", ALICE, null);

        assertThat(verifierAt(NOW.plusSeconds(29)).verify(headers, BOBS_PROFILE).caller()).isEqualTo("game");
        assertThatThrownBy(() -> verifierAt(NOW.plusSeconds(31)).verify(headers, BOBS_PROFILE))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("31 s away");
        assertThatThrownBy(() -> verifierAt(NOW.minusSeconds(31)).verify(headers, BOBS_PROFILE))
                .isInstanceOf(CallNotTrustedException.class).hasMessageContaining("31 s away");
    }

    @Test
    void bearerHeaderMustCarryAToken() {
        assertThat(BearerToken.require("Bearer abc")).isEqualTo("abc");
        assertThat(BearerToken.require("bearer  abc ")).isEqualTo("abc");
        assertThatThrownBy(() -> BearerToken.require(null)).isInstanceOf(TokenRefusedException.class)
                .satisfies(e -> assertThat(((TokenRefusedException) e).problem()).isEqualTo(TokenProblem.MISSING));
        assertThatThrownBy(() -> BearerToken.require("Basic YWxpY2U6YWxpY2UtcGFzcw=="))
                .isInstanceOf(TokenRefusedException.class).hasMessage("the Authorization header must be 'Bearer <token>', was 'Basic ...'");
        assertThatThrownBy(() -> BearerToken.require("Bearer ")).isInstanceOf(TokenRefusedException.class);
    }

    private static CallVerifier verifierAt(Instant now) {
        return new CallVerifier("user", EnvelopeVerifier.of(List.of(TrustedKey.parse("game-1", "game", GAME_KEY))),
                Duration.ofSeconds(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String key() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return "hmac-sha256:" + Base64.getEncoder().encodeToString(secret);
    }
}
