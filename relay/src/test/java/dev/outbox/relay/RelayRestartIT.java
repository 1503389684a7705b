package dev.outbox.relay;

import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.outbox.relay.testing.RelayFixture.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay keeps its position in the database: a new process resumes where the last one stopped. */
class RelayRestartIT {

    private static RelayFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new RelayFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void entriesWrittenWhileStoppedArriveExactlyOnceAfterRestart() throws Exception {
        String queue = "restart-" + UUID.randomUUID();
        Outbox table = fixture.outbox(CaptureMode.TABLE, false);
        Outbox wal = fixture.outbox(CaptureMode.WAL, false);
        List<UUID> written = new ArrayList<>();

        try (Relay relay = fixture.startRelay("relay_restart")) {
            written.addAll(write(table, queue, 0, 40));
            written.addAll(write(wal, queue, 40, 20));
            awaitRelayed(relay, 60);
        }
        assertThat(storedOffsets("relay_restart")).isPositive();

        written.addAll(write(table, queue, 60, 40));
        written.addAll(write(wal, queue, 100, 20));

        try (Relay relay = fixture.startRelay("relay_restart")) {
            awaitRelayed(relay, 60);
            written.addAll(write(table, queue, 120, 10));
            awaitRelayed(relay, 70);
        }

        try (Session session = fixture.session(); MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            List<jakarta.jms.Message> messages = receive(consumer, written.size() + 10, 2_000);
            List<String> ids = new ArrayList<>();
            for (jakarta.jms.Message message : messages) {
                ids.add(message.getStringProperty(MessageProperties.ID));
            }
            Set<String> distinct = new HashSet<>(ids);
            assertThat(ids).hasSize(written.size());
            assertThat(distinct).hasSize(written.size());
            assertThat(distinct).containsExactlyInAnyOrderElementsOf(written.stream().map(UUID::toString).toList());
            assertThat(messages.get(0).getJMSType()).isEqualTo("step");
            assertThat(ids).containsExactlyElementsOf(written.stream().map(UUID::toString).toList());
        }
    }

    @Test
    void storedOffsetsWithoutTheirSlotStopStartWithTheRecovery() throws Exception {
        Outbox table = fixture.outbox(CaptureMode.TABLE, true);
        try (Relay relay = fixture.startRelay("relay_lost_slot")) {
            write(table, "lost-slot-" + UUID.randomUUID(), 0, 1);
            awaitRelayed(relay, 1);
        }
        try (var connection = fixture.database().adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot('relay_lost_slot')");
        }

        assertThatThrownBy(() -> fixture.startRelay("relay_lost_slot"))
                .isInstanceOf(RelayException.class)
                .hasMessageContaining("replication slot 'relay_lost_slot' does not exist")
                .hasMessageContaining("DELETE FROM outbox_relay_offset WHERE relay_name = 'relay_lost_slot'");
    }

    private static List<UUID> write(Outbox outbox, String queue, int from, int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            int n = i;
            ids.add(fixture.jta().inTransaction(() -> outbox.send(Message.command("step").to(queue).key("run", 1)
                    .jsonPayload("{\"n\":" + n + "}").build())));
        }
        return ids;
    }

    private static void awaitRelayed(Relay relay, long entries) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (relay.counters().entries() < entries && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(relay.counters().entries()).as("entries relayed").isGreaterThanOrEqualTo(entries);
    }

    private static int storedOffsets(String relayName) throws Exception {
        try (var connection = fixture.database().appConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox_relay_offset WHERE relay_name = '" + relayName + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
