package dev.outbox.envelope;

import dev.outbox.Actor;
import dev.outbox.InvalidMessageException;
import dev.outbox.MessageKind;
import dev.outbox.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalMessageCodecTest {

    @Test
    void signedEnvelopeSurvivesTheRoundTrip() {
        Envelope signed = SigningKey.parse("game-1", TestKeys.hmacKey()).sign(EnvelopeSignatureTest.envelope());

        assertThat(WalMessageCodec.decode(WalMessageCodec.encode(signed))).isEqualTo(signed);
    }

    @Test
    void binaryPayloadAndAwkwardHeadersSurviveTheRoundTrip() {
        Envelope envelope = new Envelope(MessageIds.next(), MessageKind.EVENT, "t", "d", "k \"quoted\"",
                Payload.of("application/octet-stream", new byte[] {0, (byte) 0xff, 10, 13}),
                Map.of("a", "line\nbreak \"q\" \\ \u0001 ünïcødé"), Instant.parse("2026-01-01T00:00:00Z"), null, null, null,
                "svc", Actor.system(), null);

        assertThat(WalMessageCodec.decode(WalMessageCodec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void contentThatIsNotAnEntryIsRejectedByName() {
        assertThatThrownBy(() -> WalMessageCodec.decode("not json")).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> WalMessageCodec.decode("{\"id\":\"" + MessageIds.next() + "\",\"destination\":\"d\","
                + "\"message_key\":\"k\",\"payload\":\"{}\"}"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("type is required");
    }

    @Test
    void minimalColumnsTakeTheTableDefaults() {
        Envelope envelope = OutboxColumns.toEnvelope(Map.of("id", MessageIds.next().toString(), "destination", "d",
                "message_key", "k", "message_type", "t", "payload", "{}"));

        assertThat(envelope.kind()).isEqualTo(MessageKind.COMMAND);
        assertThat(envelope.payload().contentType()).isEqualTo(Payload.JSON);
        assertThat(envelope.actor()).isNull();
        assertThat(envelope.isSigned()).isFalse();
        assertThat(Set.copyOf(envelope.headers().keySet())).isEmpty();
    }
}
