package dev.outbox.envelope;

import dev.outbox.Actor;
import dev.outbox.MessageKind;
import dev.outbox.envelope.SignatureVerificationException.Problem;
import dev.outbox.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeSignatureTest {

    private static final String HMAC = TestKeys.hmacKey();
    private static final SigningKey GAME_KEY = SigningKey.parse("game-1", HMAC);
    private static final EnvelopeVerifier VERIFIER = EnvelopeVerifier.of(List.of(TrustedKey.parse("game-1", "game", HMAC)));

    static Envelope envelope() {
        return new Envelope(UUID.fromString("018f3a5e-0000-7000-8000-000000000001"), MessageKind.COMMAND, "notification.NotifyPlayers",
                "notification.commands", "game:42", Payload.json("{\"gameId\":42}"), Map.of("traceparent", "00-abc-def-01"),
                Instant.parse("2026-12-03T10:15:30.123Z"), Instant.parse("2026-12-03T11:00:00Z"),
                UUID.fromString("018f3a5e-0000-7000-8000-0000000000aa"), UUID.fromString("018f3a5e-0000-7000-8000-0000000000bb"),
                "game", Actor.user("alice", Set.of("player", "admin")), null);
    }

    @Test
    void signedEnvelopeVerifies() {
        assertThatCode(() -> VERIFIER.verify(GAME_KEY.sign(envelope()))).doesNotThrowAnyException();
    }

    @Test
    void ed25519SignedEnvelopeVerifiesWithThePublicKeyOnly() {
        String[] pair = TestKeys.ed25519KeyPair();
        Envelope signed = SigningKey.parse("game-ed", pair[0]).sign(envelope());
        EnvelopeVerifier verifier = EnvelopeVerifier.of(List.of(TrustedKey.parse("game-ed", "game", pair[1])));

        assertThatCode(() -> verifier.verify(signed)).doesNotThrowAnyException();
        Envelope altered = withPayload(signed, "{\"gameId\":43}");
        assertThatThrownBy(() -> verifier.verify(altered)).isInstanceOf(SignatureVerificationException.class);
    }

    static Stream<UnaryOperator<Envelope>> alterations() {
        return Stream.of(
                e -> copy(e, b -> b.type = "notification.Other"),
                e -> copy(e, b -> b.destination = "elsewhere"),
                e -> copy(e, b -> b.key = "game:43"),
                e -> copy(e, b -> b.kind = MessageKind.EVENT),
                e -> withPayload(e, "{\"gameId\":43}"),
                e -> copy(e, b -> b.headers = Map.of("traceparent", "00-abc-def-02")),
                e -> copy(e, b -> b.headers = Map.of()),
                e -> copy(e, b -> b.createdAt = b.createdAt.plusMillis(1)),
                e -> copy(e, b -> b.deliverAt = null),
                e -> copy(e, b -> b.correlationId = UUID.randomUUID()),
                e -> copy(e, b -> b.causationId = null),
                e -> copy(e, b -> b.actor = Actor.user("mallory", Set.of("player", "admin"))),
                e -> copy(e, b -> b.actor = Actor.user("alice", Set.of("player", "admin", "root"))),
                e -> copy(e, b -> b.actor = Actor.proxiedUser("alice", Set.of("player", "admin"))));
    }

    @ParameterizedTest
    @MethodSource("alterations")
    void anyAlteredFieldFailsVerification(UnaryOperator<Envelope> alteration) {
        Envelope altered = alteration.apply(GAME_KEY.sign(envelope()));

        assertThatThrownBy(() -> VERIFIER.verify(altered))
                .isInstanceOfSatisfying(SignatureVerificationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISMATCH));
    }

    @Test
    void unsignedEnvelopeIsRejected() {
        assertThatThrownBy(() -> VERIFIER.verify(envelope()))
                .isInstanceOfSatisfying(SignatureVerificationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSIGNED));
    }

    @Test
    void envelopeSignedWithAnUnknownKeyIsRejected() {
        Envelope forged = SigningKey.parse("game-1-forged", TestKeys.hmacKey()).sign(envelope());

        assertThatThrownBy(() -> VERIFIER.verify(forged))
                .isInstanceOfSatisfying(SignatureVerificationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_KEY));
    }

    @Test
    void forgedSignatureUnderAKnownKeyIdIsRejected() {
        Envelope forged = SigningKey.parse("game-1", TestKeys.hmacKey()).sign(envelope());

        assertThatThrownBy(() -> VERIFIER.verify(forged))
                .isInstanceOfSatisfying(SignatureVerificationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISMATCH));
    }

    @Test
    void keyOfOneServiceCannotVouchForAnother() {
        Envelope claimsToBeShop = copy(envelope(), b -> b.sender = "shop");

        assertThatThrownBy(() -> VERIFIER.verify(GAME_KEY.sign(claimsToBeShop)))
                .isInstanceOfSatisfying(SignatureVerificationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_SENDER));
    }

    @Test
    void canonicalFormIsTheDocumentedText() {
        String canonical = new String(CanonicalForm.of(copy(envelope(), b -> b.headers = Map.of("note", "50%\nof it")), "game-1"),
                StandardCharsets.UTF_8);

        assertThat(canonical).isEqualTo("""
                outbox-envelope-v1
                id=018f3a5e-0000-7000-8000-000000000001
                kind=COMMAND
                type=notification.NotifyPlayers
                destination=notification.commands
                key=game:42
                content-type=application/json
                payload-sha256=%s
                created-at=2026-12-03T10:15:30.123Z
                deliver-at=2026-12-03T11:00:00.000Z
                correlation-id=018f3a5e-0000-7000-8000-0000000000aa
                causation-id=018f3a5e-0000-7000-8000-0000000000bb
                sender=game
                actor-kind=USER
                actor-user=alice
                actor-permissions=admin,player
                key-id=game-1
                header.note=50%%25%%0Aof it
                """.formatted(Payload.json("{\"gameId\":42}").sha256Hex()));
    }

    @Test
    void signingKeyWithoutAlgorithmIsRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> SigningKey.parse("k", "c2VjcmV0"))
                .hasMessageContaining("<algorithm>:<base64 key>");
        assertThatThrownBy(() -> SigningKey.parse("k", "hmac-sha256:c2VjcmV0"))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> SigningKey.parse("k", "rsa:c2VjcmV0"))
                .hasMessageContaining("unknown signature algorithm 'rsa'");
    }

    static Envelope withPayload(Envelope e, String json) {
        return copy(e, b -> b.payload = Payload.json(json));
    }

    /** Copies an envelope with one field changed, keeping its signature. */
    static Envelope copy(Envelope e, java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(e);
        change.accept(f);
        return new Envelope(f.id, f.kind, f.type, f.destination, f.key, f.payload, f.headers, f.createdAt, f.deliverAt,
                f.correlationId, f.causationId, f.sender, f.actor, e.signature());
    }

    static final class Fields {
        UUID id;
        MessageKind kind;
        String type;
        String destination;
        String key;
        Payload payload;
        Map<String, String> headers;
        Instant createdAt;
        Instant deliverAt;
        UUID correlationId;
        UUID causationId;
        String sender;
        Actor actor;

        Fields(Envelope e) {
            id = e.id();
            kind = e.kind();
            type = e.type();
            destination = e.destination();
            key = e.key();
            payload = e.payload();
            headers = e.headers();
            createdAt = e.createdAt();
            deliverAt = e.deliverAt();
            correlationId = e.correlationId();
            causationId = e.causationId();
            sender = e.sender();
            actor = e.actor();
        }
    }
}
