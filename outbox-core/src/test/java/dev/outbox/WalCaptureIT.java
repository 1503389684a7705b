package dev.outbox;

import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.WalMessageCodec;
import dev.outbox.testing.DecodingSlot;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What a logical decoding client sees of what the outbox writes, in both capture modes. */
class WalCaptureIT {

    static TestDatabase database;
    static JtaEnvironment jta;
    DecodingSlot slot;

    @BeforeAll
    static void start() {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, 4);
    }

    @AfterAll
    static void stop() {
        jta.close();
    }

    @BeforeEach
    void createSlot() throws SQLException {
        Fixtures.execute(database, "TRUNCATE outbox_message");
        slot = new DecodingSlot(database, "wal_capture_it");
    }

    @AfterEach
    void dropSlot() throws SQLException {
        slot.close();
    }

    static OutboxSettings.Builder walSettings() {
        return Fixtures.settings().captureMode(CaptureMode.WAL);
    }

    @Test
    void walModeWritesNoRowYetTheMessageIsDecoded() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, walSettings());

        UUID id = jta.inTransaction(() -> outbox.send(Message.event("game.PlayerLeft").to("game.events").key("game", 42)
                .actor(Actor.user("alice", Set.of("player"))).jsonPayload("{\"player\":\"alice\"}").build()));

        assertThat(Fixtures.rows(database)).isEmpty();
        List<String> messages = slot.changes().stream().filter(c -> c.startsWith("message:")).toList();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).startsWith("message: transactional: 1 prefix: outbox, sz: ");
        Envelope decoded = WalMessageCodec.decode(messages.get(0).substring(messages.get(0).indexOf("content:") + "content:".length()));
        assertThat(decoded.id()).isEqualTo(id);
        assertThat(decoded.kind()).isEqualTo(MessageKind.EVENT);
        assertThat(decoded.actor()).isEqualTo(Actor.user("alice", Set.of("player")));
        assertThatCode(() -> Fixtures.VERIFIER.verify(decoded)).doesNotThrowAnyException();
    }

    @Test
    void walModeRollbackEmitsNothing() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, walSettings());

        jta.inRolledBackTransaction(() -> outbox.send(Fixtures.notifyPlayers()));

        assertThat(slot.changes()).noneMatch(c -> c.startsWith("message:"));
    }

    @Test
    void walModeUsesTheConfiguredPrefix() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, walSettings().walPrefix("game-outbox"));

        jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers()));

        assertThat(slot.changes()).anyMatch(c -> c.startsWith("message: transactional: 1 prefix: game-outbox,"));
    }

    @Test
    void deleteAfterInsertStillShowsTheInsertToTheDecoder() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings().deleteAfterInsert(true));

        UUID id = jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers()));

        List<String> changes = slot.changes();
        assertThat(changes).anyMatch(c -> c.startsWith("table public.outbox_message: INSERT: id[uuid]:'" + id + "'"));
        assertThat(changes).anyMatch(c -> c.startsWith("table public.outbox_message: DELETE: id[uuid]:'" + id + "'"));
        assertThat(Fixtures.rows(database)).isEmpty();
    }
}
