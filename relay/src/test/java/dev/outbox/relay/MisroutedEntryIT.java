package dev.outbox.relay;

import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry the broker can never accept where it says (an event for an address that exists as a
 * queue) is set aside with the reason, and the entries behind it keep flowing.
 */
class MisroutedEntryIT {

    static RelayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RelayFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void eventForAQueueAddressIsSetAsideAndLaterEntriesArrive() throws Exception {
        Session session = fixture.session();
        // The address exists as a queue (anycast) because a consumer of commands listens on it.
        MessageConsumer commands = session.createConsumer(session.createQueue("misrouted.orders"));
        MessageConsumer invalid = session.createConsumer(session.createQueue("outbox.relay.invalid"));
        MessageConsumer next = session.createConsumer(session.createQueue("misrouted.next"));
        Outbox outbox = fixture.outbox(CaptureMode.TABLE, false);

        try (Relay relay = fixture.startRelay("misrouted_it")) {
            UUID event = fixture.jta().inTransaction(() -> outbox.send(Message.event("shop.OrderPlaced").to("misrouted.orders")
                    .key("order", 1).jsonPayload("{}").build()));
            UUID command = fixture.jta().inTransaction(() -> outbox.send(Message.command("shop.Ship").to("misrouted.next")
                    .key("order", 1).jsonPayload("{}").build()));

            List<jakarta.jms.Message> delivered = RelayFixture.receive(next, 1, 30_000);
            List<jakarta.jms.Message> setAside = RelayFixture.receive(invalid, 1, 10_000);

            assertThat(delivered).singleElement().satisfies(m -> assertThat(m.getStringProperty("outbox_id")).isEqualTo(command.toString()));
            assertThat(setAside).singleElement().satisfies(m -> {
                assertThat(m.getStringProperty("outbox_id")).isEqualTo(event.toString());
                assertThat(m.getStringProperty("outbox_invalid_reason")).contains("'misrouted.orders' exists but does not take EVENT messages");
                assertThat(m.getStringProperty("outbox_invalid_source")).isEqualTo("routing");
            });
            assertThat(commands.receive(500)).isNull();
            assertThat(relay.isRunning()).isTrue();
        }
    }
}
