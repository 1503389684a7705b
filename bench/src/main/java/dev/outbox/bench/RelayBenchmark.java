package dev.outbox.bench;

import dev.outbox.Actor;
import dev.outbox.MessageKind;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageIds;
import dev.outbox.envelope.OutboxColumns;
import dev.outbox.envelope.Payload;
import dev.outbox.envelope.SigningKey;
import dev.outbox.relay.Relay;
import dev.outbox.relay.RelayConfig;
import dev.outbox.relay.publish.ArtemisPublisher;
import dev.outbox.relay.publish.Outgoing;
import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.relay.testing.RelayFixture;
import dev.outbox.testing.TestKeys;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The relay against its baseline in the same run, on an embedded PostgreSQL and an Artemis broker
 * in its own process:
 *
 * <ul>
 *   <li>throughput: a backlog of {@value #BACKLOG} signed entries written while the relay was
 *       stopped, drained after it starts, against the relay's own Artemis publisher sending the
 *       same messages with no database and no relay;</li>
 *   <li>latency: commit to message received by a consumer, at a steady {@value #RATE} entries/s.</li>
 * </ul>
 */
public final class RelayBenchmark {

    static final int BACKLOG = 100_000;
    static final int ROUNDS = 3;
    static final int BATCH = 2048;
    static final int RATE = 1_000;
    static final int LATENCY_SECONDS = 20;

    private final RelayFixture fixture;
    private final SigningKey signing = SigningKey.parse(RelayFixture.KEY_ID, TestKeys.hmacKey());

    private RelayBenchmark() throws Exception {
        fixture = new RelayFixture();
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "target");
        RelayBenchmark benchmark = new RelayBenchmark();
        benchmark.run(output);
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        System.out.println("warm-up...");
        relayBacklog("warmup", 10_000);
        rawSend("warmup", 10_000);
        // Latency first: after the backlog rounds the broker is busy compacting its journal for a while.
        long[] latencies = steadyLatency();
        List<Double> relay = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            relay.add(relayBacklog("r" + round, BACKLOG));
            raw.add(rawSend("r" + round, BACKLOG));
            System.out.printf(Locale.ROOT, "round %d: relay %.0f entries/s, raw send %.0f msg/s%n", round, relay.get(round - 1), raw.get(round - 1));
        }
        report(output, relay, raw, latencies);
    }

    /**
     * The relay's settings for the test database and broker, with any overrides given as
     * {@code -Dbench.relay.settings=OUTBOX_RELAY_POLL_INTERVAL_MS=1,OUTBOX_RELAY_MAX_BATCH_SIZE=4096}
     * to compare tunings.
     */
    private RelayConfig relayConfig(String relayName) {
        Map<String, String> settings = fixture.relaySettings(relayName);
        String overrides = System.getProperty("bench.relay.settings", "");
        for (String override : overrides.split(",")) {
            if (override.contains("=")) {
                settings.put(override.substring(0, override.indexOf('=')).trim(), override.substring(override.indexOf('=') + 1).trim());
            }
        }
        return RelayConfig.of(settings);
    }

    /** @return entries/s from the first relayed entry to the last of a backlog written while the relay was stopped */
    private double relayBacklog(String name, int entries) throws Exception {
        String relayName = "bench_" + name;
        String queue = "bench.relay." + name;
        Relay.start(relayConfig(relayName)).close(); // creates the slot: the backlog starts here
        writeBacklog(queue, entries);
        try (Relay relay = Relay.start(relayConfig(relayName))) {
            long first = 0;
            long last;
            while (true) {
                long relayed = relay.counters().entries();
                long now = System.nanoTime();
                if (first == 0 && relayed > 0) {
                    first = now;
                }
                if (relayed >= entries) {
                    last = now;
                    break;
                }
                Thread.sleep(5);
            }
            double rate = (entries - BATCH) / ((last - first) / 1e9);
            drain(queue, entries);
            return rate;
        }
    }

    /** @return messages/s of the relay's publisher sending the same envelopes, no database involved */
    private double rawSend(String name, int entries) throws Exception {
        String queue = "bench.raw." + name;
        List<Envelope> envelopes = envelopes(queue, entries);
        ArtemisBroker broker = ArtemisBroker.get();
        try (ArtemisPublisher publisher = new ArtemisPublisher(broker.url(), ArtemisBroker.USER, ArtemisBroker.PASSWORD, "", 5_000)) {
            publisher.connect();
            long start = System.nanoTime();
            for (int from = 0; from < entries; from += BATCH) {
                List<Outgoing> batch = new ArrayList<>();
                for (Envelope envelope : envelopes.subList(from, Math.min(entries, from + BATCH))) {
                    batch.add(new Outgoing.Entry(envelope));
                }
                publisher.publish(batch);
            }
            double rate = entries / ((System.nanoTime() - start) / 1e9);
            drain(queue, entries);
            return rate;
        }
    }

    /** @return commit-to-receipt latencies in microseconds at a steady rate */
    private long[] steadyLatency() throws Exception {
        String queue = "bench.latency";
        String relayName = "bench_latency";
        int total = RATE * LATENCY_SECONDS;
        long[] latencies = new long[total];
        try (Relay relay = Relay.start(relayConfig(relayName));
             Connection connection = consumerFactory().createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD);
             var database = fixture.database().appConnection();
             PreparedStatement insert = database.prepareStatement(insertSql())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            Thread receiver = new Thread(() -> receive(consumer, latencies), "latency-receiver");
            receiver.start();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + TimeUnit.SECONDS.toNanos(1) * i / RATE;
                // Sleep, not spin: on two cores a spinning writer takes a core from the relay and the broker.
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                Envelope envelope = envelope(queue, i, Instant.now());
                bind(insert, envelope);
                insert.executeUpdate(); // autocommit: created_at is the moment of the commit
            }
            receiver.join(TimeUnit.SECONDS.toMillis(60));
        }
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "latency at %d entries/s: %d of %d received%n", RATE, sorted.length, total);
        return sorted;
    }

    private static void receive(MessageConsumer consumer, long[] latencies) {
        try {
            for (int i = 0; i < latencies.length; i++) {
                Message message = consumer.receive(30_000);
                if (message == null) {
                    return;
                }
                Instant created = OffsetDateTime.parse(message.getStringProperty("outbox_created_at")).toInstant();
                Instant now = Instant.now();
                latencies[i] = TimeUnit.SECONDS.toMicros(now.getEpochSecond() - created.getEpochSecond())
                        + (now.getNano() - created.getNano()) / 1_000;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeBacklog(String queue, int entries) throws Exception {
        try (var connection = fixture.database().appConnection(); PreparedStatement insert = connection.prepareStatement(insertSql())) {
            connection.setAutoCommit(false);
            for (int i = 0; i < entries; i++) {
                bind(insert, envelope(queue, i, Instant.now()));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        try (var connection = fixture.database().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + OutboxColumns.TABLE); // the WAL keeps the inserts; the table need not
        }
    }

    private List<Envelope> envelopes(String queue, int entries) {
        List<Envelope> envelopes = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            envelopes.add(envelope(queue, i, Instant.now()));
        }
        return envelopes;
    }

    /** A command of realistic size: a signed envelope with a user actor and a ~150-byte JSON payload. */
    private Envelope envelope(String queue, int i, Instant createdAt) {
        String key = "game:" + (i % 100);
        return signing.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.NotifyPlayers", queue, key,
                Payload.json("{\"gameId\":" + (i % 100) + ",\"player\":\"player-" + i + "\",\"reason\":\"left the game\","
                        + "\"players\":[\"alice\",\"bob\",\"carol\",\"dave\"]}"),
                Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), createdAt, null, null, null,
                RelayFixture.SERVICE, Actor.user("player-" + (i % 50), Set.of("player")), null));
    }

    private static String insertSql() {
        return "INSERT INTO outbox_message (id, destination, message_kind, message_key, message_type, payload, content_type, headers,"
                + " created_at, sender_service, actor_kind, actor_user, actor_permissions, signature_key_id, signature)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, clock_timestamp(), ?, ?, ?, ?, ?, ?)";
    }

    private static void bind(PreparedStatement insert, Envelope envelope) throws Exception {
        insert.setObject(1, envelope.id());
        insert.setString(2, envelope.destination());
        insert.setString(3, envelope.kind().name());
        insert.setString(4, envelope.key());
        insert.setString(5, envelope.type());
        insert.setString(6, envelope.payload().text());
        insert.setString(7, envelope.payload().contentType());
        insert.setString(8, OutboxColumns.headersJson(envelope.headers()));
        insert.setString(9, envelope.sender());
        insert.setString(10, envelope.actor().kind().name());
        insert.setString(11, envelope.actor().userId());
        insert.setArray(12, insert.getConnection().createArrayOf("text", envelope.actor().permissions().toArray()));
        insert.setString(13, envelope.signature().keyId());
        insert.setString(14, envelope.signature().value());
    }

    private static ActiveMQConnectionFactory consumerFactory() {
        return new ActiveMQConnectionFactory(ArtemisBroker.get().url());
    }

    /** Empties a queue so the broker's journal does not grow from round to round. */
    private static void drain(String queue, int expected) throws Exception {
        try (Connection connection = consumerFactory().createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD)) {
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            int drained = 0;
            while (consumer.receive(drained < expected ? 10_000 : 200) != null) {
                drained++;
            }
            if (drained != expected) {
                throw new IllegalStateException(queue + ": expected " + expected + " messages, found " + drained);
            }
        }
    }

    private static void report(Path output, List<Double> relay, List<Double> raw, long[] latencies) throws IOException {
        double relayMedian = Stats.median(relay);
        double rawMedian = Stats.median(raw);
        double p50 = Stats.percentile(latencies, 50) / 1000.0;
        double p99 = Stats.percentile(latencies, 99) / 1000.0;
        String table = String.format(Locale.ROOT, """
                | relay | median | min | max |
                |---|---|---|---|
                | backlog of %,d entries drained, entries/s | %.0f | %.0f | %.0f |
                | same messages, same Artemis client, no database or relay, msg/s | %.0f | %.0f | %.0f |
                | ratio (target >= 0.8) | %.2f | | |

                | latency, commit to consumer, at %,d entries/s | ms |
                |---|---|
                | p50 | %.1f |
                | p99 (target < 50) | %.1f |
                """, BACKLOG, relayMedian, Collections.min(relay), Collections.max(relay),
                rawMedian, Collections.min(raw), Collections.max(raw), relayMedian / rawMedian, RATE, p50, p99);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("relay-benchmark.md"), table);
        Files.writeString(output.resolve("relay-benchmark.json"), String.format(Locale.ROOT,
                "{\"backlog\":%d,\"relay\":%s,\"raw\":%s,\"ratio\":%.3f,\"rate\":%d,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"received\":%d}%n",
                BACKLOG, relay, raw, relayMedian / rawMedian, RATE, p50, p99, latencies.length));
    }



}
