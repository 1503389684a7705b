package dev.outbox;

import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.OutboxColumns;
import dev.outbox.envelope.WalMessageCodec;
import dev.outbox.testing.DecodingSlot;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many writers at once: every committed message is there exactly once, with its business row. */
class ConcurrentWritersIT {

    static final int WRITERS = 16;
    static final int TRANSACTIONS = 10_000;

    static TestDatabase database;
    static JtaEnvironment jta;

    @BeforeAll
    static void start() {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, WRITERS);
    }

    @AfterAll
    static void stop() {
        jta.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        Fixtures.execute(database, "TRUNCATE outbox_message; DROP TABLE IF EXISTS purchase; CREATE TABLE purchase (id uuid PRIMARY KEY, n int)");
    }

    @Test
    void tableModeLosesAndDuplicatesNothing() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, Fixtures.settings());

        Set<UUID> sent = writeConcurrently(outbox);

        List<UUID> stored = new ArrayList<>();
        for (var row : Fixtures.rows(database)) {
            Envelope envelope = OutboxColumns.toEnvelope(row);
            Fixtures.VERIFIER.verify(envelope);
            stored.add(envelope.id());
        }
        assertThat(stored).hasSize(TRANSACTIONS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(stored)).isEqualTo(sent);
        assertThat(Fixtures.count(database, "SELECT count(*) FROM purchase")).isEqualTo(TRANSACTIONS);
    }

    @Test
    void walModeLosesAndDuplicatesNothing() throws Exception {
        Outbox outbox = Fixtures.outbox(jta, WalCaptureIT.walSettings());
        try (DecodingSlot slot = new DecodingSlot(database, "concurrent_writers_it")) {
            Set<UUID> sent = writeConcurrently(outbox);

            List<UUID> decoded = new ArrayList<>();
            for (String change : slot.changes()) {
                if (change.startsWith("message:")) {
                    Envelope envelope = WalMessageCodec.decode(change.substring(change.indexOf("content:") + "content:".length()));
                    Fixtures.VERIFIER.verify(envelope);
                    decoded.add(envelope.id());
                }
            }
            assertThat(decoded).hasSize(TRANSACTIONS).doesNotHaveDuplicates();
            assertThat(new HashSet<>(decoded)).isEqualTo(sent);
        }
        assertThat(Fixtures.rows(database)).isEmpty();
        assertThat(Fixtures.count(database, "SELECT count(*) FROM purchase")).isEqualTo(TRANSACTIONS);
    }

    private static Set<UUID> writeConcurrently(Outbox outbox) throws Exception {
        Set<UUID> sent = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer * (TRANSACTIONS / WRITERS);
                done.add(writers.submit(() -> {
                    for (int n = first; n < first + TRANSACTIONS / WRITERS; n++) {
                        int number = n;
                        sent.add(jta.inTransaction(() -> {
                            UUID purchase = UUID.randomUUID();
                            try (Connection connection = jta.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                                statement.execute("INSERT INTO purchase VALUES ('" + purchase + "', " + number + ")");
                            }
                            return outbox.send(Message.event("shop.Purchased").to("shop.events").key("purchase", purchase)
                                    .jsonPayload("{\"n\":" + number + "}").build());
                        }));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(sent).hasSize(TRANSACTIONS);
        return sent;
    }
}
