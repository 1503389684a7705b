package dev.outbox.relay;

import dev.outbox.relay.testing.DedicatedDatabase;
import dev.outbox.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The database stops and starts again, or is not up yet when the relay starts: the relay waits and resumes by itself. */
class DatabaseRestartIT {

    private static RelayFixture fixture;
    private static DedicatedDatabase database;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new RelayFixture();
        database = DedicatedDatabase.create("relay-db-restart", Map.of());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (database != null) {
            database.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static RelayConfig config(String relayName) {
        Map<String, String> settings = fixture.relaySettings(relayName);
        settings.put("OUTBOX_DB_URL", database.jdbcUrl());
        settings.put("OUTBOX_RELAY_RESTART_MAX_BACKOFF_MS", "2000");
        return RelayConfig.of(settings);
    }

    @Test
    void relayResumesAfterADatabaseRestartWithoutLossOrDuplicates() throws Exception {
        String queue = "db-restart-" + UUID.randomUUID();
        List<String> written = new ArrayList<>();
        try (Relay relay = Relay.start(config("relay_db_restart"))) {
            write(queue, 0, 200, written);
            RelayOpsIT.awaitRelayed(relay, 50);

            database.stop();
            HttpResponse<String> ready = BrokerRestartIT.awaitNotReady(relay.httpPort());
            assertThat(ready.body()).doesNotContain("\"database\":\"UP\"");
            database.start();

            write(queue, 200, 200, written);
            RelayOpsIT.awaitReady(relay.httpPort());
            assertArrivedOnceEach(queue, written);
            assertThat(relay.isRunning()).isTrue();
            assertThat(relay.counters().captureRestarts()).as("capture was started again").isPositive();
        }
    }

    @Test
    void relayStartedBeforeTheDatabaseWaitsForIt() throws Exception {
        String queue = "db-late-" + UUID.randomUUID();
        List<String> written = new ArrayList<>();
        database.stop();
        try (Relay relay = Relay.launch(config("relay_db_late"))) {
            HttpResponse<String> ready = BrokerRestartIT.awaitNotReady(relay.httpPort());
            assertThat(ready.body()).contains("\"database\":\"cannot query the database");
            Thread.sleep(1_500);
            assertThat(relay.isRunning()).as("still trying").isTrue();

            database.start();
            relay.awaitStreaming(60_000);
            write(queue, 0, 20, written);
            assertArrivedOnceEach(queue, written);
        } finally {
            database.start();
        }
    }

    /** Writes entries one transaction each, waiting for the database where it is still starting. */
    private static void write(String queue, int from, int count, List<String> written) throws Exception {
        for (int i = from; i < from + count; i++) {
            String id = UUID.randomUUID().toString();
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try (var connection = database.appConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO outbox_message (id, destination, message_key, message_type, payload) VALUES ('"
                            + id + "', '" + queue + "', 'k:" + (i % 3) + "', 'step', '{\"n\":" + i + "}')");
                    break;
                } catch (SQLException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            written.add(id);
        }
    }

    private static void assertArrivedOnceEach(String queue, List<String> written) throws Exception {
        try (Connection connection = fixture.openConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            List<String> ids = RelayFixture.receiveIds(consumer, written, 60_000);
            Set<String> distinct = new HashSet<>(ids);
            assertThat(distinct).as("every entry arrived").containsExactlyInAnyOrderElementsOf(written);
            assertThat(ids).as("no entry arrived twice").hasSize(distinct.size());
        }
    }
}
