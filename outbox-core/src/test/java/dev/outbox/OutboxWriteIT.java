package dev.outbox;

import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.OutboxColumns;
import dev.outbox.internal.HandlingContext;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table capture mode against a real PostgreSQL, in real JTA transactions. */
class OutboxWriteIT {

    static TestDatabase database;
    static JtaEnvironment jta;

    @BeforeAll
    static void start() {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, 8);
    }

    @AfterAll
    static void stop() {
        jta.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        Fixtures.execute(database, "TRUNCATE outbox_message; DROP TABLE IF EXISTS game_player; CREATE TABLE game_player (game bigint, player text)");
    }

    @Test
    void commitLeavesExactlyOneEntryWithEveryField() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), () -> Optional.of(Actor.user("alice", Set.of("player"))));
        Instant before = Instant.now().minusMillis(1);

        UUID id = jta.inTransaction(() -> {
            leaveGame();
            return outbox.schedule(Fixtures.notifyPlayers(), Instant.parse("2030-01-01T12:00:00Z"));
        });

        List<Map<String, Object>> rows = rows();
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("id", id)
                .containsEntry("destination", "notification.commands")
                .containsEntry("message_kind", "COMMAND")
                .containsEntry("message_key", "game:42")
                .containsEntry("message_type", "notification.NotifyPlayers")
                .containsEntry("payload", "{\"gameId\":42,\"left\":\"alice\"}")
                .containsEntry("payload_bytes", null)
                .containsEntry("content_type", "application/json")
                .containsEntry("headers", "{\"traceparent\": \"00-4bf92f-00f067-01\"}")
                .containsEntry("correlation_id", id)
                .containsEntry("causation_id", null)
                .containsEntry("sender_service", "game")
                .containsEntry("actor_kind", "USER")
                .containsEntry("actor_user", "alice")
                .containsEntry("actor_permissions", List.of("player"))
                .containsEntry("signature_key_id", "game-1");
        assertThat(((OffsetDateTime) row.get("deliver_at")).toInstant()).isEqualTo(Instant.parse("2030-01-01T12:00:00Z"));
        assertThat(((OffsetDateTime) row.get("created_at")).toInstant()).isBetween(before, Instant.now());
        assertThat((String) row.get("signature")).isNotBlank();
        assertThat(id.version()).isEqualTo(7);
        assertThat(countPlayers()).isEqualTo(1);

        Envelope stored = OutboxColumns.toEnvelope(row);
        assertThatCode(() -> Fixtures.VERIFIER.verify(stored)).doesNotThrowAnyException();
    }

    @Test
    void delayIsMeasuredFromTheOutboxClock() throws Exception {
        Instant now = Instant.parse("2031-05-01T10:00:00Z");
        Outbox outbox = Outbox.builder().settings(Fixtures.settings().build()).dataSource(jta.dataSource())
                .transactionRegistry(jta.registry()).clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)).build();

        jta.inTransaction(() -> outbox.schedule(Fixtures.notifyPlayers(), java.time.Duration.ofMinutes(5)));

        assertThat(((OffsetDateTime) rows().get(0).get("deliver_at")).toInstant()).isEqualTo(now.plusSeconds(300));
        assertThat(((OffsetDateTime) rows().get(0).get("created_at")).toInstant()).isEqualTo(now);
    }

    @Test
    void storedEntryAlteredInTheDatabaseFailsVerification() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);
        jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers()));
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE outbox_message SET payload = '{\"gameId\":42,\"left\":\"bob\"}'");
        }

        Envelope stored = OutboxColumns.toEnvelope(rows().get(0));
        assertThatThrownBy(() -> Fixtures.VERIFIER.verify(stored)).hasMessageContaining("does not match its signature");
    }

    @Test
    void rollbackLeavesNoEntry() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);

        jta.inRolledBackTransaction(() -> {
            leaveGame();
            return outbox.send(Fixtures.notifyPlayers());
        });

        assertThat(rows()).isEmpty();
        assertThat(countPlayers()).isZero();
    }

    @Test
    void sendingWithoutATransactionFailsAndWritesNothing() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);

        assertThatThrownBy(() -> outbox.send(Fixtures.notifyPlayers()))
                .isInstanceOf(NoTransactionException.class)
                .hasMessageContaining("requires an active JTA transaction");
        assertThat(rows()).isEmpty();
    }

    @Test
    void sendingInATransactionMarkedForRollbackFailsAndWritesNothing() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);

        assertThatThrownBy(() -> jta.inRolledBackTransaction(() -> {
            jta.registry().setRollbackOnly();
            return outbox.send(Fixtures.notifyPlayers());
        })).isInstanceOf(NoTransactionException.class).hasMessageContaining("marked for rollback");
        assertThat(rows()).isEmpty();
    }

    @Test
    void oversizedPayloadIsRefusedAndTheTransactionCanStillCommit() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings().maxPayloadBytes(64), ActorResolver.NONE);
        Message big = Message.event("game.Chat").to("game.events").key("game", 1)
                .jsonPayload("{\"text\":\"" + "x".repeat(100) + "\"}").build();

        jta.inTransaction(() -> {
            leaveGame();
            assertThatThrownBy(() -> outbox.send(big))
                    .isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("payload of message type 'game.Chat' is 111 bytes, more than the limit of 64 bytes");
            return null;
        });

        assertThat(rows()).isEmpty();
        assertThat(countPlayers()).isEqualTo(1);
    }

    @Test
    void failedWriteMarksTheTransactionForRollback() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE outbox_message ADD CONSTRAINT no_games CHECK (message_key <> 'game:42')");
        }
        try {
            assertThatThrownBy(() -> jta.inTransaction(() -> {
                leaveGame();
                try {
                    outbox.send(Fixtures.notifyPlayers());
                } catch (OutboxException e) {
                    assertThat(e).hasMessageContaining("the transaction is marked for rollback");
                    // A careless caller swallows the failure and tries to commit anyway.
                }
                return null;
            })).isInstanceOf(jakarta.transaction.RollbackException.class);
            assertThat(countPlayers()).isZero();
        } finally {
            try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE outbox_message DROP CONSTRAINT no_games");
            }
        }
    }

    @Test
    void deleteAfterInsertLeavesTheTableEmpty() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings().deleteAfterInsert(true), ActorResolver.NONE);

        jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers()));

        assertThat(rows()).isEmpty();
    }

    @Test
    void messageWithoutAUserIsASystemAction() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);

        jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers()));

        assertThat(rows().get(0)).containsEntry("actor_kind", "SYSTEM").containsEntry("actor_user", null)
                .containsEntry("actor_permissions", List.of());
    }

    @Test
    void messageSentWhileHandlingAnotherIsLinkedToItAndActsForTheSameUser() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);
        UUID firstId = jta.inTransaction(() -> outbox.send(Message.command("game.Leave").to("game.commands").key("game", 42)
                .actor(Actor.user("alice", Set.of("player"))).jsonPayload("{}").build()));
        Envelope handled = OutboxColumns.toEnvelope(rows().get(0));

        UUID secondId = HandlingContext.runWith(handled, () -> jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers())));

        Map<String, Object> second = rows().stream().filter(r -> r.get("id").equals(secondId)).findFirst().orElseThrow();
        assertThat(second).containsEntry("correlation_id", firstId).containsEntry("causation_id", firstId)
                .containsEntry("actor_kind", "PROXIED_USER").containsEntry("actor_user", "alice");
    }

    @Test
    void binaryPayloadIsStoredAsBytes() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings(), ActorResolver.NONE);
        byte[] bytes = {0, 1, 2, (byte) 0xff};

        jta.inTransaction(() -> outbox.send(Message.event("game.Snapshot").to("game.events").key("game", 7)
                .payload(bytes, "application/octet-stream").build()));

        Map<String, Object> row = rows().get(0);
        assertThat(row.get("payload")).isNull();
        assertThat((byte[]) row.get("payload_bytes")).containsExactly(bytes);
        assertThat(row).containsEntry("message_kind", "EVENT").containsEntry("content_type", "application/octet-stream");
        assertThatCode(() -> Fixtures.VERIFIER.verify(OutboxColumns.toEnvelope(row))).doesNotThrowAnyException();
    }

    @Test
    void minimalEntryCanBeWrittenWithPlainSql() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO outbox_message (id, destination, message_key, message_type, payload)"
                    + " VALUES ('" + id + "', 'billing.commands', 'invoice:7', 'billing.Issue', '{\"invoice\":7}')");
        }

        Envelope envelope = OutboxColumns.toEnvelope(rows().get(0));
        assertThat(envelope.id()).isEqualTo(id);
        assertThat(envelope.kind()).isEqualTo(MessageKind.COMMAND);
        assertThat(envelope.payload().text()).isEqualTo("{\"invoice\":7}");
        assertThat(envelope.isSigned()).isFalse();
    }

    @Test
    void schemaScriptIsIdempotentForTheNonSuperuserOwner() {
        assertThatCode(() -> {
            database.applySchema();
            database.applySchema();
        }).doesNotThrowAnyException();
    }

    /** An inbox created before it recorded sender and actor gains the columns and keeps its rows. */
    @Test
    void schemaScriptAddsTheAuditColumnsToAnOlderInbox() throws SQLException {
        UUID handled = UUID.randomUUID();
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS older_release CASCADE");
            statement.execute("CREATE SCHEMA older_release");
            statement.execute("SET search_path = older_release");
            statement.execute("CREATE TABLE outbox_inbox (consumer text NOT NULL, message_id uuid NOT NULL,"
                    + " handled_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (consumer, message_id))");
            statement.execute("INSERT INTO outbox_inbox (consumer, message_id) VALUES ('notification', '" + handled + "')");

            OutboxSchema.create(connection, OutboxWriteIT.class);
            OutboxSchema.create(connection, OutboxWriteIT.class);

            try (ResultSet columns = statement.executeQuery("SELECT string_agg(column_name, ',' ORDER BY ordinal_position)"
                    + " FROM information_schema.columns WHERE table_schema = 'older_release' AND table_name = 'outbox_inbox'")) {
                columns.next();
                assertThat(columns.getString(1)).isEqualTo("consumer,message_id,handled_at,message_type,sender_service,actor_kind,"
                        + "actor_user,actor_permissions,correlation_id,causation_id");
            }
            try (ResultSet kept = statement.executeQuery("SELECT message_id, sender_service FROM outbox_inbox")) {
                assertThat(kept.next()).as("the row handled before the upgrade").isTrue();
                assertThat(kept.getObject(1, UUID.class)).isEqualTo(handled);
                assertThat(kept.getString(2)).as("unknown for rows written before").isNull();
                assertThat(kept.next()).isFalse();
            }
            statement.execute("DROP SCHEMA older_release CASCADE");
        }
    }

    private static void leaveGame() throws SQLException {
        try (Connection connection = jta.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO game_player VALUES (42, 'alice')");
        }
    }

    static long countPlayers() throws SQLException {
        return Fixtures.count(database, "SELECT count(*) FROM game_player");
    }

    static List<Map<String, Object>> rows() throws SQLException {
        return Fixtures.rows(database);
    }
}
