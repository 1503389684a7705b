package dev.outbox;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTest {

    public record NotifyPlayers(long gameId, String player) {
    }

    /** JSON-B reads this through its getter, which fails. */
    public static final class Unserializable {
        public String getValue() {
            throw new IllegalStateException("cannot be read");
        }
    }

    @Test
    void payloadObjectIsSerializedToJson() {
        Message message = Message.command("notification.NotifyPlayers").to("notification.commands").key("game", 42)
                .payload(new NotifyPlayers(42, "alice")).header("traceparent", "00-1-2-01").build();

        assertThat(message.kind()).isEqualTo(MessageKind.COMMAND);
        assertThat(message.key()).isEqualTo("game:42");
        assertThat(message.payload().contentType()).isEqualTo("application/json");
        assertThat(message.payload().text()).isEqualTo("{\"gameId\":42,\"player\":\"alice\"}");
        assertThat(message.headers()).containsEntry("traceparent", "00-1-2-01");
    }

    @Test
    void missingTypeIsNamed() {
        assertThatThrownBy(() -> Message.event(null).to("d").key("k").jsonPayload("{}").build())
                .isInstanceOf(InvalidMessageException.class).hasMessage("type is required");
    }

    @Test
    void missingDestinationIsNamed() {
        assertThatThrownBy(() -> Message.event("t").key("k").jsonPayload("{}").build())
                .isInstanceOf(InvalidMessageException.class).hasMessage("destination is required");
    }

    @Test
    void missingKeyIsNamed() {
        assertThatThrownBy(() -> Message.event("t").to("d").jsonPayload("{}").build())
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("key is required");
        assertThatThrownBy(() -> Message.event("t").to("d").key("game", null))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("aggregate id is required");
    }

    @Test
    void missingPayloadIsNamed() {
        assertThatThrownBy(() -> Message.event("t").to("d").key("k").build())
                .isInstanceOf(InvalidMessageException.class).hasMessage("payload is required for message type 't'");
    }

    @Test
    void invalidDestinationIsNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> Message.command("t").to("no spaces please").key("k").jsonPayload("{}").build())
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("destination 'no spaces please' is invalid");
    }

    @Test
    void payloadThatCannotBeSerializedIsNamed() {
        assertThatThrownBy(() -> Message.command("t").to("d").key("k").payload(new Unserializable()).build())
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("payload of message type 't'")
                .hasMessageContaining(Unserializable.class.getName());
    }

    @Test
    void textualPayloadMustBeUtf8() {
        assertThatThrownBy(() -> Message.command("t").to("d").key("k").payload(new byte[] {(byte) 0xC3}, "text/plain").build())
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void invalidHeaderNameIsNamed() {
        assertThatThrownBy(() -> Message.command("t").to("d").key("k").jsonPayload("{}").header("x-trace", "1").build())
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("header name 'x-trace' is invalid");
    }

    @Test
    void systemActorCannotCarryUserOrPermissions() {
        assertThatThrownBy(() -> new Actor(ActionKind.SYSTEM, "alice", Set.of()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("actor.userId must be empty");
        assertThatThrownBy(() -> new Actor(ActionKind.SYSTEM, null, Set.of("admin")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("actor.permissions must be empty");
        assertThatThrownBy(() -> Actor.user(" ", Set.of()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("actor.userId is required");
    }

    @Test
    void scheduledCopyKeepsEverythingElse() {
        Message message = Message.event("t").to("d").key("k").jsonPayload("{}").build();
        Instant at = Instant.parse("2030-01-01T00:00:00Z");

        Message scheduled = message.withDeliverAt(at);

        assertThat(scheduled.deliverAt()).contains(at);
        assertThat(scheduled.payload()).isEqualTo(message.payload());
        assertThat(message.deliverAt()).isEmpty();
    }
}
