package dev.outbox.envelope;

import dev.outbox.Actor;
import dev.outbox.InvalidMessageException;
import dev.outbox.MessageKind;
import dev.outbox.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagePropertiesTest {

    @Test
    void signedEnvelopeSurvivesTheBrokerFormAndStillVerifies() {
        String key = TestKeys.hmacKey();
        Envelope signed = SigningKey.parse("game-1", key).sign(EnvelopeSignatureTest.envelope());

        Map<String, String> properties = MessageProperties.of(signed);
        Envelope received = MessageProperties.toEnvelope(properties, signed.payload().bytes());

        assertThat(received).isEqualTo(signed);
        assertThat(properties).containsEntry("outbox_header_traceparent", "00-abc-def-01")
                .containsEntry("outbox_actor_permissions", "admin,player")
                .containsEntry("outbox_deliver_at", "2026-12-03T11:00:00.000Z");
        assertThatCode(() -> EnvelopeVerifier.of(List.of(TrustedKey.parse("game-1", "game", key))).verify(received))
                .doesNotThrowAnyException();
    }

    @Test
    void systemActorAndBinaryBodySurvive() {
        Envelope envelope = new Envelope(MessageIds.next(), MessageKind.EVENT, "t", "d", "k",
                Payload.of("application/octet-stream", new byte[] {1, 2, 3}), Map.of(), Instant.parse("2026-01-01T00:00:00Z"),
                null, null, null, "svc", Actor.system(), null);

        assertThat(MessageProperties.toEnvelope(MessageProperties.of(envelope), new byte[] {1, 2, 3})).isEqualTo(envelope);
    }

    @Test
    void messageWithoutOutboxPropertiesIsNamed() {
        assertThatThrownBy(() -> MessageProperties.toEnvelope(Map.of("JMSType", "x"), new byte[0]))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("message property outbox_id is missing: not an outbox message?");
    }

    @Test
    void actorWithoutPermissionsSurvives() {
        Envelope envelope = new Envelope(MessageIds.next(), MessageKind.COMMAND, "t", "d", "k", Payload.json("{}"), Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"), null, null, null, "svc", Actor.user("bob", Set.of()), null);

        assertThat(MessageProperties.toEnvelope(MessageProperties.of(envelope), "{}".getBytes())).isEqualTo(envelope);
    }
}
