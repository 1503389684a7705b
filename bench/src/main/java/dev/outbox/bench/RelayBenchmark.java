package dev.outbox.bench;

import dev.outbox.Actor;
import dev.outbox.CaptureMode;
import dev.outbox.MessageKind;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageIds;
import dev.outbox.envelope.OutboxColumns;
import dev.outbox.envelope.Payload;
import dev.outbox.envelope.SigningKey;
import dev.outbox.envelope.WalMessageCodec;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The relay against its baseline in the same run, on an embedded PostgreSQL, with the broker and
 * the relay jar each in a process of its own, as in production:
 *
 * <ul>
 *   <li>throughput: a backlog of {@value #BACKLOG} signed entries written while the relay was
 *       stopped, drained after it starts, against the relay's own Artemis publisher sending the
 *       same messages with no database and no relay; with the relay process's CPU time per entry
 *       and its peak resident memory;</li>
 *   <li>latency: commit to message received by a consumer, at a steady {@value #RATE} entries/s.</li>
 * </ul>
 */
public final class RelayBenchmark {

    static final int BACKLOG = 100_000;
    /** Backlog rounds; {@code -Dbench.relay.rounds=0} measures the latency only, to compare tunings quickly. */
    static final int ROUNDS = Integer.getInteger("bench.relay.rounds", 3);
    static final int BATCH = 2048;
    static final int RATE = 1_000;
    static final int LATENCY_SECONDS = 20;
    /**
     * Written at the rate before the measured seconds, and left out: the small batches of a steady
     * rate take code paths the backlog drain did not, and the relay's and the broker's JIT compilers
     * took a core or more for the first 5-8 s compiling them on a slow evening (most entries over
     * 50 ms in each of those seconds); the first entries to a new address also wait for the broker.
     */
    static final int LATENCY_WARMUP_SECONDS = 10;
    /** How long the relay's CPU is measured with nothing written. */
    static final int IDLE_SECONDS = 10;
    static final String RELAY_QUEUE = "bench.relay";
    static final String RAW_QUEUE = "bench.raw";
    /** outbox-core's default prefix, which the relay listens for by default. */
    static final String WAL_PREFIX = "outbox";

    private final RelayFixture fixture;
    private final Path logs = Path.of(System.getProperty("java.io.tmpdir"));
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
        try (RelayJarProcess relay = startRelay("bench_relay")) {
            System.out.println("warm-up: a fresh relay process drains a backlog...");
            Drain fresh = drain(relay, CaptureMode.TABLE, BACKLOG);
            rawSend(10_000);
            System.out.printf(Locale.ROOT, "fresh process: %.0f entries/s (%.0f µs CPU/entry)%n", fresh.entriesPerSecond(), fresh.cpuMicrosPerEntry());
            // Latency first: after the backlog rounds the broker is busy compacting its journal for a while.
            SteadyLatency latency = steadyLatency(relay);
            double idleCores = idleCores(relay);
            System.out.printf(Locale.ROOT, "relay CPU while the outbox is idle: %.3f of a core%n", idleCores);
            if (ROUNDS == 0) {
                return;
            }
            Map<CaptureMode, List<Drain>> drains = new EnumMap<>(CaptureMode.class);
            List<Double> raw = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (CaptureMode mode : CaptureMode.values()) {
                    Drain drain = drain(relay, mode, BACKLOG);
                    drains.computeIfAbsent(mode, m -> new ArrayList<>()).add(drain);
                    System.out.printf(Locale.ROOT, "round %d: relay (%s) %.0f entries/s, %.0f µs CPU/entry, peak RSS %.0f MiB%n",
                            round, mode, drain.entriesPerSecond(), drain.cpuMicrosPerEntry(), drain.peakResidentMib());
                }
                raw.add(rawSend(BACKLOG));
                System.out.printf(Locale.ROOT, "round %d: raw send %.0f msg/s%n", round, raw.get(round - 1));
            }
            report(output, fresh, drains, raw, latency, idleCores);
        }
    }

    private RelayJarProcess startRelay(String relayName) throws IOException, InterruptedException {
        return RelayJarProcess.start(fixture.relaySettings(relayName), logs.resolve("relay-" + relayName + ".log"));
    }

    /** What the relay achieved and cost while it drained one backlog. */
    record Drain(double entriesPerSecond, double cpuMicrosPerEntry, double peakResidentMib) {
    }

    /**
     * Writes a backlog while the relay process is paused (SIGSTOP: it keeps its warmed-up JIT and its
     * connections, but reads nothing), lets it go on, and measures until it relayed all of it.
     *
     * @return entries/s from the first relayed entry to the last, with the relay process's CPU time
     *         per entry over the same span
     */
    private Drain drain(RelayJarProcess relay, CaptureMode mode, int entries) throws Exception {
        long before = relay.entriesRelayed();
        relay.pause();
        try {
            writeBacklog(mode, entries);
        } finally {
            relay.resume();
        }
        long target = before + entries;
        long first = 0;
        long firstCount = 0;
        double firstCpu = 0;
        long last;
        double lastCpu;
        while (true) {
            long relayed = relay.entriesRelayed();
            long now = System.nanoTime();
            if (first == 0 && relayed > before) {
                first = now;
                firstCount = relayed;
                firstCpu = relay.cpuSeconds();
            }
            if (relayed >= target) {
                last = now;
                lastCpu = relay.cpuSeconds();
                break;
            }
            Thread.sleep(20);
        }
        Drain drain = new Drain((target - firstCount) / ((last - first) / 1e9),
                (lastCpu - firstCpu) * 1e6 / (target - firstCount), relay.peakResidentMib());
        empty(RELAY_QUEUE, entries);
        return drain;
    }

    /** @return messages/s of the relay's publisher sending the same envelopes, no database involved */
    private double rawSend(int entries) throws Exception {
        String queue = RAW_QUEUE;
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
            empty(queue, entries);
            return rate;
        }
    }

    /**
     * Latencies at a steady rate after a warm-up left out.
     *
     * @param sorted    commit to the consumer's receipt, microseconds, ascending
     * @param relayPart the same entries' commit to the broker's confirmation, as the relay's histogram counted them
     */
    record SteadyLatency(long[] sorted, RelayDelays relayPart) {
    }

    private SteadyLatency steadyLatency(RelayJarProcess relay) throws Exception {
        String queue = "bench.latency";
        int total = RATE * (LATENCY_WARMUP_SECONDS + LATENCY_SECONDS);
        long[] latencies = new long[total];
        RelayDelays afterWarmUp = null;
        double compilerAtStart;
        double compilerAfterWarmUp = 0;
        double compilerAtEnd;
        try (Connection connection = consumerFactory().createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD);
             var database = fixture.database().appConnection();
             PreparedStatement insert = database.prepareStatement(insertSql())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            Thread receiver = new Thread(() -> receive(consumer, latencies), "latency-receiver");
            receiver.start();
            compilerAtStart = relay.compilerCpuSeconds();
            Instant started = Instant.now();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + TimeUnit.SECONDS.toNanos(1) * i / RATE;
                // Sleep, not spin: on two cores a spinning writer takes a core from the relay and the broker.
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                if (i == RATE * LATENCY_WARMUP_SECONDS) {
                    afterWarmUp = relay.delays();
                    compilerAfterWarmUp = relay.compilerCpuSeconds();
                }
                Envelope envelope = envelope(queue, i, Instant.now());
                bind(insert, envelope);
                insert.executeUpdate(); // autocommit: created_at is the moment of the commit
            }
            receiver.join(TimeUnit.SECONDS.toMillis(60));
            compilerAtEnd = relay.compilerCpuSeconds();
            System.out.println("the database's own work since the rate started, each by when it finished: " + databaseWorkSince(started));
        }
        long[] measured = Arrays.copyOfRange(latencies, RATE * LATENCY_WARMUP_SECONDS, total);
        long[] sorted = Arrays.stream(measured).filter(l -> l > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "latency at %d entries/s: %d of %d received; ms p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f%n",
                RATE, sorted.length, measured.length, Stats.percentile(sorted, 50) / 1000.0, Stats.percentile(sorted, 90) / 1000.0,
                Stats.percentile(sorted, 99) / 1000.0, Stats.percentile(sorted, 99.9) / 1000.0, sorted[sorted.length - 1] / 1000.0);
        System.out.println("entries over 50 ms, per second of the run, warm-up first: " + slowPerSecond(latencies));
        System.out.printf(Locale.ROOT, "the relay's JIT compilers: %.1f s of CPU during the warm-up, %.1f s during the measured seconds%n",
                compilerAfterWarmUp - compilerAtStart, compilerAtEnd - compilerAfterWarmUp);
        // Scraped once before and once after the measured seconds, so the relay does no more work for it.
        RelayDelays relayPart = relay.delays().since(afterWarmUp);
        System.out.printf(Locale.ROOT, "the relay's part, commit to the broker's confirmation, by its histogram: %d entries; p50 %s, p99 %s%n",
                relayPart.total(), relayPart.describe(50), relayPart.describe(99));
        return new SteadyLatency(sorted, relayPart);
    }

    /**
     * @return the last checkpoint and the autovacuum and autoanalyze runs that came after {@code start},
     *         as seconds after it: work of the database's own that can slow commits and the WAL sender
     */
    private String databaseWorkSince(Instant start) throws SQLException {
        List<String> work = new ArrayList<>();
        try (var connection = fixture.database().adminConnection(); Statement statement = connection.createStatement()) {
            try (var result = statement.executeQuery("SELECT checkpoint_time FROM pg_control_checkpoint()")) {
                result.next();
                addIfAfter(work, "checkpoint", start, result.getObject(1, OffsetDateTime.class));
            }
            try (var result = statement.executeQuery("SELECT relname, last_autovacuum, last_autoanalyze FROM pg_stat_user_tables")) {
                while (result.next()) {
                    addIfAfter(work, "autovacuum of " + result.getString(1), start, result.getObject(2, OffsetDateTime.class));
                    addIfAfter(work, "autoanalyze of " + result.getString(1), start, result.getObject(3, OffsetDateTime.class));
                }
            }
        }
        return work.isEmpty() ? "none" : String.join(", ", work);
    }

    private static void addIfAfter(List<String> work, String what, Instant start, OffsetDateTime when) {
        if (when != null && !when.toInstant().isBefore(start)) {
            work.add(String.format(Locale.ROOT, "%s at %.1f s", what, (when.toInstant().toEpochMilli() - start.toEpochMilli()) / 1000.0));
        }
    }

    /**
     * @return the relay's CPU while nothing is written, in cores: what its polling (and heartbeats)
     *         cost a service whose outbox is quiet
     */
    private static double idleCores(RelayJarProcess relay) throws Exception {
        // The latency run's last batches and their offsets are done by then.
        Thread.sleep(2_000);
        double before = relay.cpuSeconds();
        Map<String, Double> threadsBefore = relay.threadCpuSeconds();
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> threadsAfter = relay.threadCpuSeconds();
        String busiest = threadsAfter.entrySet().stream()
                .map(thread -> Map.entry(thread.getKey(), (thread.getValue() - threadsBefore.getOrDefault(thread.getKey(), 0.0)) / seconds))
                .filter(thread -> thread.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(thread -> String.format(Locale.ROOT, "%s %.3f", thread.getKey(), thread.getValue()))
                .collect(Collectors.joining(", "));
        System.out.println("relay threads while idle, cores: " + busiest);
        return (relay.cpuSeconds() - before) / seconds;
    }

    /** Whether slow entries come in bursts (a pause somewhere) or spread out (a queue building up). */
    private static String slowPerSecond(long[] latencies) {
        int[] counts = new int[latencies.length / RATE];
        for (int i = 0; i < latencies.length; i++) {
            if (latencies[i] > 50_000) {
                counts[Math.min(counts.length - 1, i / RATE)]++;
            }
        }
        return Arrays.toString(counts);
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

    /** Writes the backlog as outbox-core does in each capture mode: rows, or transactional WAL messages. */
    private void writeBacklog(CaptureMode mode, int entries) throws Exception {
        try (var connection = fixture.database().appConnection()) {
            connection.setAutoCommit(false);
            if (mode == CaptureMode.TABLE) {
                writeRows(connection, entries);
            } else {
                writeWalMessages(connection, entries);
            }
        }
        if (mode == CaptureMode.TABLE) {
            try (var connection = fixture.database().appConnection(); Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE " + OutboxColumns.TABLE); // the WAL keeps the inserts; the table need not
            }
        }
    }

    private void writeRows(java.sql.Connection connection, int entries) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(insertSql())) {
            for (int i = 0; i < entries; i++) {
                bind(insert, envelope(RELAY_QUEUE, i, Instant.now()));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private void writeWalMessages(java.sql.Connection connection, int entries) throws Exception {
        try (PreparedStatement emit = connection.prepareStatement(
                "SELECT count(pg_logical_emit_message(true, ?, content)) FROM unnest(?::text[]) AS content")) {
            for (int from = 0; from < entries; from += 1000) {
                List<String> contents = new ArrayList<>();
                for (int i = from; i < Math.min(entries, from + 1000); i++) {
                    contents.add(WalMessageCodec.encode(envelope(RELAY_QUEUE, i, Instant.now())));
                }
                emit.setString(1, WAL_PREFIX);
                emit.setArray(2, connection.createArrayOf("text", contents.toArray()));
                emit.executeQuery().close();
                connection.commit();
            }
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
    private static void empty(String queue, int expected) throws Exception {
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

    private static void report(Path output, Drain fresh, Map<CaptureMode, List<Drain>> drains, List<Double> raw, SteadyLatency latency,
            double idleCores) throws IOException {
        double rawMedian = Stats.median(raw);
        double p50 = Stats.percentile(latency.sorted(), 50) / 1000.0;
        double p99 = Stats.percentile(latency.sorted(), 99) / 1000.0;
        RelayDelays relayPart = latency.relayPart();
        String jvmOptions = System.getProperty("bench.relay.jvm-options", RelayJarProcess.DEFAULT_JVM_OPTIONS);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, """
                | relay (own process, %s), backlog of %,d entries | median | min | max | vs raw send | CPU µs/entry | cores busy | peak RSS MiB |
                |---|---|---|---|---|---|---|---|
                | raw send: same messages, same Artemis client, no database or relay, msg/s | %.0f | %.0f | %.0f | 1.00 | | | |
                """, jvmOptions, BACKLOG, rawMedian, Collections.min(raw), Collections.max(raw)));
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"backlog\":%d,\"raw\":%s,\"fresh\":%.0f", BACKLOG, raw,
                fresh.entriesPerSecond()));
        for (Map.Entry<CaptureMode, List<Drain>> mode : drains.entrySet()) {
            List<Double> rates = mode.getValue().stream().map(Drain::entriesPerSecond).toList();
            List<Double> cpu = mode.getValue().stream().map(Drain::cpuMicrosPerEntry).toList();
            double rss = Collections.max(mode.getValue().stream().map(Drain::peakResidentMib).toList());
            double median = Stats.median(rates);
            table.append(String.format(Locale.ROOT, "| relay, %s capture, entries/s | %.0f | %.0f | %.0f | **%.2f** | %.0f | %.2f | %.0f |%n",
                    mode.getKey().name().toLowerCase(Locale.ROOT), median, Collections.min(rates), Collections.max(rates),
                    median / rawMedian, Stats.median(cpu), Stats.median(cpu) * median / 1e6, rss));
            json.append(String.format(Locale.ROOT, ",\"%s\":{\"relay\":%s,\"ratio\":%.3f,\"cpuMicrosPerEntry\":%s,\"peakResidentMib\":%.0f}",
                    mode.getKey().name().toLowerCase(Locale.ROOT), rates, median / rawMedian, cpu, rss));
        }
        table.append(String.format(Locale.ROOT, "| relay, table capture, fresh process (first drain after start), entries/s | %.0f | | | %.2f | %.0f | | |%n",
                fresh.entriesPerSecond(), fresh.entriesPerSecond() / rawMedian, fresh.cpuMicrosPerEntry()));
        table.append(String.format(Locale.ROOT, """

                | latency, commit to consumer, at %,d entries/s, %d s after %d s of warm-up | ms |
                |---|---|
                | p50 | %.1f |
                | p99 (target < 50) | %.1f |
                | the relay's part, commit to the broker's confirmation (its histogram's bucket bound), p50 / p99 | %s / %s |

                | relay CPU with the outbox idle, %d s | share of a core |
                |---|---|
                | polling and heartbeats | %.3f |
                """, RATE, LATENCY_SECONDS, LATENCY_WARMUP_SECONDS, p50, p99, relayPart.describe(50), relayPart.describe(99),
                IDLE_SECONDS, idleCores));
        json.append(String.format(Locale.ROOT,
                ",\"rate\":%d,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"received\":%d,\"relayPartP50BoundMs\":%s,\"relayPartP99BoundMs\":%s,\"idleCores\":%.4f}%n",
                RATE, p50, p99, latency.sorted().length, relayPart.json(50), relayPart.json(99), idleCores));
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("relay-benchmark.md"), table.toString());
        Files.writeString(output.resolve("relay-benchmark.json"), json.toString());
    }
}
