package dev.outbox.relay;

import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.relay.testing.RelayFixture;
import dev.outbox.relay.testing.RelayProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay process is killed with SIGKILL, several times, while it streams a backlog and live
 * writes continue: in the end every entry is on the queue once, in commit order per key.
 */
class RelayCrashIT {

    private static final int KEYS_BY_API = 40;
    private static final int KEYS_BY_SQL = 10;
    private static final int BACKLOG_ROUNDS = 300;
    private static final int LIVE_ROUNDS = 100;
    private static final int KILLS = 3;
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

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
    void everyEntryArrivesOnceInOrderPerKeyThroughRepeatedKills() throws Exception {
        String queue = "crash-" + UUID.randomUUID();
        Map<String, String> environment = fixture.relaySettings("relay_crash");
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "relay-crash-it.log");
        Files.deleteIfExists(log);
        Outbox outbox = fixture.outbox(CaptureMode.TABLE, true);
        Random random = new Random();

        // The first start creates the slot; then the relay dies and a backlog piles up.
        RelayProcess relay = RelayProcess.start(environment, log);
        relay.awaitOutput("is streaming", 60_000);
        relay.kill();
        for (int round = 0; round < BACKLOG_ROUNDS; round += 10) {
            writeRounds(outbox, queue, round, 10);
        }

        CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
            try {
                for (int round = BACKLOG_ROUNDS; round < BACKLOG_ROUNDS + LIVE_ROUNDS; round++) {
                    writeRounds(outbox, queue, round, 1);
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int kill = 0; kill < KILLS; kill++) {
            relay = RelayProcess.start(environment, log);
            relay.awaitOutput("is streaming", 60_000);
            Thread.sleep(300 + random.nextInt(1_500));
            relay.kill();
        }
        live.get();
        relay = RelayProcess.start(environment, log);
        try {
            relay.awaitOutput("is streaming", 60_000);
            assertEveryEntryOnceInOrder(queue, (KEYS_BY_API + KEYS_BY_SQL) * (BACKLOG_ROUNDS + LIVE_ROUNDS));
        } finally {
            relay.terminate();
            relay.awaitExit(30_000);
        }
    }

    /**
     * Writes {@code rounds} rounds, each the next entry of every key: one transaction through the API
     * for the API keys, one plain SQL statement (rows in round order) for the others.
     */
    private static void writeRounds(Outbox outbox, String queue, int from, int rounds) throws Exception {
        fixture.jta().inTransaction(() -> {
            for (int round = from; round < from + rounds; round++) {
                for (int key = 0; key < KEYS_BY_API; key++) {
                    outbox.send(Message.command("step").to(queue).key("api", key).jsonPayload("{\"seq\":" + round + "}").build());
                }
            }
            return null;
        });
        fixture.sql("INSERT INTO outbox_message (id, destination, message_key, message_type, payload)"
                + " SELECT gen_random_uuid(), '" + queue + "', 'sql:' || k, 'step', '{\"seq\":' || r || '}'"
                + " FROM generate_series(" + from + ", " + (from + rounds - 1) + ") AS r, generate_series(0, " + (KEYS_BY_SQL - 1) + ") AS k"
                + " ORDER BY r, k");
    }

    private static void assertEveryEntryOnceInOrder(String queue, int expected) throws Exception {
        try (Connection connection = fixture.openConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            Set<String> ids = new HashSet<>();
            Map<String, Integer> lastSeq = new HashMap<>();
            int received = 0;
            int outOfOrder = 0;
            long quietMs = 15_000;
            while (true) {
                jakarta.jms.Message message = consumer.receive(received < expected ? quietMs : 2_000);
                if (message == null) {
                    break;
                }
                received++;
                ids.add(message.getStringProperty("_AMQ_DUPL_ID"));
                String key = message.getStringProperty("JMSXGroupID");
                Matcher matcher = SEQ.matcher(((TextMessage) message).getText());
                assertThat(matcher.find()).isTrue();
                int seq = Integer.parseInt(matcher.group(1));
                Integer previous = lastSeq.put(key, seq);
                if (seq != (previous == null ? 0 : previous + 1)) {
                    outOfOrder++;
                }
            }
            assertThat(ids).as("distinct entries").hasSize(expected);
            assertThat(received).as("messages on the queue (no duplicate)").isEqualTo(expected);
            assertThat(lastSeq).as("keys").hasSize(KEYS_BY_API + KEYS_BY_SQL);
            assertThat(outOfOrder).as("messages out of sequence for their key").isZero();
            assertThat(lastSeq.values()).allMatch(seq -> seq == BACKLOG_ROUNDS + LIVE_ROUNDS - 1);
        }
    }
}
