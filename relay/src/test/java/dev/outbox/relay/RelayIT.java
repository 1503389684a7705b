package dev.outbox.relay;

import dev.outbox.Actor;
import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.MessageKind;
import dev.outbox.Outbox;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.BytesMessage;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.outbox.relay.testing.RelayFixture.receive;
import static org.assertj.core.api.Assertions.assertThat;

/** One relay streams entries written every way an application writes them; each test uses its own addresses. */
class RelayIT {

    private static RelayFixture fixture;
    private static Relay relay;

    @BeforeAll
    static void startRelay() throws Exception {
        fixture = new RelayFixture();
        relay = fixture.startRelay("relay_it");
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void commandWrittenInTableModeArrivesOnAQueueWithEveryProperty() throws Exception {
        assertArrivesWithEveryProperty(fixture.outbox(CaptureMode.TABLE, false));
    }

    @Test
    void commandWrittenWithDeleteAfterInsertArrives() throws Exception {
        assertArrivesWithEveryProperty(fixture.outbox(CaptureMode.TABLE, true));
    }

    @Test
    void commandWrittenAsWalMessageArrives() throws Exception {
        assertArrivesWithEveryProperty(fixture.outbox(CaptureMode.WAL, false));
    }

    private void assertArrivesWithEveryProperty(Outbox outbox) throws Exception {
        String queue = "orders-" + UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        UUID causation = UUID.randomUUID();
        UUID id = fixture.jta().inTransaction(() -> outbox.send(Message.command("order.place")
                .to(queue)
                .key("order", 42)
                .jsonPayload("{\"item\":\"ticket\",\"note\":\"caf\u00e9\"}")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .correlationId(correlation)
                .causationId(causation)
                .actor(Actor.user("alice", List.of("orders:write", "orders:read")))
                .build()));

        try (Session session = fixture.session(); MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            jakarta.jms.Message message = consumer.receive(10_000);
            assertThat(message).as("message on queue %s", queue).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) message).getText()).isEqualTo("{\"item\":\"ticket\",\"note\":\"caf\u00e9\"}");
            assertThat(message.getJMSType()).isEqualTo("order.place");
            assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("order:42");
            assertThat(message.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(id.toString());
            assertThat(message.getJMSCorrelationID()).isEqualTo(correlation.toString());
            assertThat(message.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
            assertThat(message.getStringProperty(MessageProperties.ID)).isEqualTo(id.toString());
            assertThat(message.getStringProperty(MessageProperties.KIND)).isEqualTo("COMMAND");
            assertThat(message.getStringProperty(MessageProperties.SENDER)).isEqualTo(RelayFixture.SERVICE);
            assertThat(message.getStringProperty(MessageProperties.ACTOR_USER)).isEqualTo("alice");
            assertThat(message.getStringProperty(MessageProperties.HEADER_PREFIX + "traceparent")).startsWith("00-0af7");

            Envelope envelope = RelayFixture.envelope(message);
            fixture.verifier().verify(envelope);
            assertThat(envelope.id()).isEqualTo(id);
            assertThat(envelope.kind()).isEqualTo(MessageKind.COMMAND);
            assertThat(envelope.destination()).isEqualTo(queue);
            assertThat(envelope.correlationId()).isEqualTo(correlation);
            assertThat(envelope.causationId()).isEqualTo(causation);
            assertThat(envelope.actor().permissions()).containsExactlyInAnyOrder("orders:write", "orders:read");
            assertThat(envelope.headers()).containsKey("traceparent");
            assertThat(consumer.receive(300)).as("exactly one message").isNull();
        }
    }

    @Test
    void binaryPayloadArrivesAsBytes() throws Exception {
        String queue = "images-" + UUID.randomUUID();
        byte[] payload = {0, 1, 2, (byte) 0xff, 42};
        Outbox outbox = fixture.outbox(CaptureMode.TABLE, false);
        fixture.jta().inTransaction(() -> outbox.send(Message.command("image.store").to(queue).key("image", 7)
                .payload(payload, "application/octet-stream").build()));

        try (Session session = fixture.session(); MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            jakarta.jms.Message message = consumer.receive(10_000);
            assertThat(message).isInstanceOf(BytesMessage.class);
            assertThat(RelayFixture.body(message)).isEqualTo(payload);
            fixture.verifier().verify(RelayFixture.envelope(message));
        }
    }

    @Test
    void rowInsertedByPlainSqlArrivesUnsigned() throws Exception {
        String queue = "legacy-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        fixture.sql("INSERT INTO outbox_message (id, destination, message_key, message_type, payload) VALUES ('"
                + id + "', '" + queue + "', 'customer:9', 'customer.import', '{\"name\":\"Bob\"}')");

        try (Session session = fixture.session(); MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            jakarta.jms.Message message = consumer.receive(10_000);
            assertThat(message).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) message).getText()).isEqualTo("{\"name\":\"Bob\"}");
            assertThat(message.getJMSType()).isEqualTo("customer.import");
            assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("customer:9");
            assertThat(message.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(id.toString());
            Envelope envelope = RelayFixture.envelope(message);
            assertThat(envelope.id()).isEqualTo(id);
            assertThat(envelope.isSigned()).isFalse();
            assertThat(envelope.sender()).isNull();
            assertThat(envelope.createdAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        }
    }

    @Test
    void eventsGoToAMulticastAddressThatEverySubscriberReceives() throws Exception {
        String topic = "game-events-" + UUID.randomUUID();
        Outbox outbox = fixture.outbox(CaptureMode.TABLE, true);
        try (Session session = fixture.session();
             MessageConsumer first = session.createConsumer(session.createTopic(topic));
             MessageConsumer second = session.createConsumer(session.createTopic(topic))) {
            UUID id = fixture.jta().inTransaction(() -> outbox.send(Message.event("game.started").to(topic).key("game", 1)
                    .jsonPayload("{}").build()));

            for (MessageConsumer consumer : List.of(first, second)) {
                jakarta.jms.Message message = consumer.receive(10_000);
                assertThat(message).isNotNull();
                assertThat(message.getStringProperty(MessageProperties.ID)).isEqualTo(id.toString());
                assertThat(message.getStringProperty(MessageProperties.KIND)).isEqualTo("EVENT");
                assertThat(message.getJMSDestination()).isInstanceOf(jakarta.jms.Topic.class);
            }
        }
    }

    @Test
    void scheduledMessageIsNotDeliveredBeforeItsTime() throws Exception {
        String queue = "deadlines-" + UUID.randomUUID();
        Outbox outbox = fixture.outbox(CaptureMode.WAL, false);
        Instant deliverAt = Instant.now().plusSeconds(3);
        fixture.jta().inTransaction(() -> outbox.schedule(Message.command("ticket.expire").to(queue).key("ticket", 5)
                .jsonPayload("{}").build(), deliverAt));

        try (Session session = fixture.session(); MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            assertThat(consumer.receive(1_500)).as("delivered before its time").isNull();
            jakarta.jms.Message message = consumer.receive(10_000);
            Instant received = Instant.now();
            assertThat(message).isNotNull();
            assertThat(received).isAfterOrEqualTo(deliverAt.minusMillis(20));
            assertThat(message.getLongProperty("_AMQ_SCHED_DELIVERY")).isEqualTo(deliverAt.toEpochMilli());
            assertThat(RelayFixture.envelope(message).deliverAt()).isEqualTo(deliverAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Test
    void rolledBackTransactionProducesNothing() throws Exception {
        String queue = "rollback-" + UUID.randomUUID();
        Outbox table = fixture.outbox(CaptureMode.TABLE, false);
        Outbox wal = fixture.outbox(CaptureMode.WAL, false);
        fixture.jta().inRolledBackTransaction(() -> {
            table.send(Message.command("never").to(queue).key("k", 1).jsonPayload("{}").build());
            return wal.send(Message.command("never").to(queue).key("k", 1).jsonPayload("{}").build());
        });
        UUID marker = fixture.jta().inTransaction(() -> table.send(Message.command("marker").to(queue).key("k", 1).jsonPayload("{}").build()));

        try (Session session = fixture.session(); MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            List<jakarta.jms.Message> messages = receive(consumer, 3, 2_000);
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).getStringProperty(MessageProperties.ID)).isEqualTo(marker.toString());
        }
    }

    @Test
    void undecodableEntriesGoToTheInvalidAddressAndTheRelayGoesOn() throws Exception {
        String queue = "mixed-" + UUID.randomUUID();
        UUID badRow = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        long before = relay.counters().undecodable();
        try (Session session = fixture.session();
             MessageConsumer invalid = session.createConsumer(session.createQueue("outbox.relay.invalid"));
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            fixture.sql("INSERT INTO outbox_message (id, destination, message_key, message_type, payload, headers) VALUES ('"
                    + badRow + "', '" + queue + "', 'k:1', 'bad.headers', '{}', '{\"attempt\": 1}')");
            fixture.sql("SELECT pg_logical_emit_message(true, 'outbox', 'this is not JSON')");
            fixture.sql("SELECT pg_logical_emit_message(true, 'elsewhere', 'another prefix: not ours')");
            fixture.sql("INSERT INTO outbox_message (id, destination, message_key, message_type, payload) VALUES ('"
                    + good + "', '" + queue + "', 'k:1', 'good', '{}')");

            jakarta.jms.Message message = consumer.receive(10_000);
            assertThat(message).isNotNull();
            assertThat(message.getStringProperty(MessageProperties.ID)).isEqualTo(good.toString());

            List<jakarta.jms.Message> reports = receive(invalid, 3, 2_000);
            assertThat(reports).hasSize(2);
            Map<String, Object> row = RelayFixture.properties(reports.get(0));
            assertThat(row).containsEntry("outbox_invalid_source", "table").containsEntry(MessageProperties.ID, badRow.toString());
            assertThat(row.get("outbox_invalid_reason").toString()).contains("attempt");
            assertThat(new String(RelayFixture.body(reports.get(0)), StandardCharsets.UTF_8)).contains(badRow.toString());
            Map<String, Object> wal = RelayFixture.properties(reports.get(1));
            assertThat(wal).containsEntry("outbox_invalid_source", "wal");
            assertThat(wal.get("outbox_invalid_position").toString()).startsWith("lsn=");
            assertThat(new String(RelayFixture.body(reports.get(1)), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
        }
        assertThat(relay.counters().undecodable() - before).isEqualTo(2);
        assertThat(relay.isRunning()).isTrue();
    }

    @Test
    void publicationCarriesOnlyTheInsertsIntoTheOutboxTable() throws Exception {
        try (var connection = fixture.database().appConnection(); var statement = connection.createStatement()) {
            try (var rows = statement.executeQuery(
                    "SELECT pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication WHERE pubname = 'relay_it'")) {
                assertThat(rows.next()).as("the relay's publication exists").isTrue();
                assertThat(List.of(rows.getBoolean(1), rows.getBoolean(2), rows.getBoolean(3), rows.getBoolean(4)))
                        .as("insert, update, delete, truncate").containsExactly(true, false, false, false);
            }
            try (var rows = statement.executeQuery(
                    "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = 'relay_it'")) {
                List<String> tables = new java.util.ArrayList<>();
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
                assertThat(tables).containsExactly("public.outbox_message");
            }
        }
    }
}
