package dev.outbox.bench;

import com.gruelbox.transactionoutbox.Dialect;
import com.gruelbox.transactionoutbox.ExecutorSubmitter;
import com.gruelbox.transactionoutbox.Instantiator;
import com.gruelbox.transactionoutbox.Persistor;
import com.gruelbox.transactionoutbox.ThreadLocalContextTransactionManager;
import com.gruelbox.transactionoutbox.TransactionManager;
import com.gruelbox.transactionoutbox.TransactionOutbox;
import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.relay.testing.RelayFixture;
import dev.outbox.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The outbox against a well-known application-side outbox, {@code com.gruelbox:transactionoutbox},
 * in the same run, both delivering the same business write's message to the same Artemis broker
 * with durable sends. The peer runs the send in-process right after the commit (an executor
 * submitter, pooled connections) and polls only as a fallback (flushed every 100 ms). Ours is
 * relayed by the relay jar in a process of its own, as in production.
 */
public final class PeerOutboxBenchmark {

    static final int WRITERS = 8;
    static final int SENDER_THREADS = 4;
    static final long THROUGHPUT_MILLIS = 8_000;
    static final int LATENCY_RATE = 200;
    static final int LATENCY_SECONDS = 10;
    /**
     * Throughput and latency runs of each side, in turns; the throughputs reported are the medians,
     * the latency percentiles are of all the rounds' messages together.
     */
    static final int ROUNDS = 3;
    /**
     * Before each measurement, unrecorded. The relay and the broker are young processes: with 2 s of
     * warm-up their JIT compilers were still busy during the measured seconds; the peer runs in
     * this JVM and gets the same warm-up.
     */
    static final long WARM_UP_MILLIS = 10_000;
    /** Sent at the rate before the measured seconds of a latency run, and left out: a new address settles first. */
    static final int LATENCY_WARM_UP_SECONDS = 3;

    /** What the peer's outbox calls after the commit: one durable send to Artemis. */
    public static class ArtemisSender {
        /** A sending thread's session and its one producer (no default destination), kept as a pooled JMS context keeps them. */
        private record Sending(Session session, MessageProducer producer) {
        }

        private final Connection connection;
        private final ThreadLocal<Sending> sendings;
        final AtomicLong sent = new AtomicLong();

        /** For the peer's recording proxy, which subclasses this class. */
        protected ArtemisSender(Void proxy) {
            connection = null;
            sendings = null;
        }

        ArtemisSender() throws Exception {
            connection = new ActiveMQConnectionFactory(ArtemisBroker.get().url()).createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD);
            sendings = ThreadLocal.withInitial(() -> {
                try {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(null);
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    return new Sending(session, producer);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        public void send(String queue, String key, String id, String payload, long createdMicros) {
            try {
                sendDurably(queue, key, id, payload, createdMicros);
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException("send to " + queue + " failed", e);
            }
        }

        private void sendDurably(String queue, String key, String id, String payload, long createdMicros) throws jakarta.jms.JMSException {
            Sending sending = sendings.get();
            TextMessage message = sending.session().createTextMessage(payload);
            message.setStringProperty("JMSXGroupID", key);
            message.setStringProperty("_AMQ_DUPL_ID", id);
            message.setStringProperty("outbox_created_at", Instant.EPOCH.plus(createdMicros, ChronoUnit.MICROS).toString());
            sending.producer().send(sending.session().createQueue(queue), message);
            sent.incrementAndGet();
        }
    }

    private record Throughput(double committedPerSecond, double deliveredPerSecond) {

        static Throughput median(List<Throughput> runs) {
            return new Throughput(Stats.median(runs.stream().map(Throughput::committedPerSecond).toList()),
                    Stats.median(runs.stream().map(Throughput::deliveredPerSecond).toList()));
        }
    }

    /**
     * One latency run's microseconds, each ascending: from the envelope's time (before the commit) to
     * the receive, split at the send (the message's JMS timestamp, set by the relay or by the peer's
     * sender; milliseconds, on the same clock).
     */
    private record Latencies(long[] total, long[] toSend, long[] sendToReceive) {

        double p50Millis() {
            return Stats.percentile(total, 50) / 1000;
        }

        double p99Millis() {
            return Stats.percentile(total, 99) / 1000;
        }

        /** @return the runs' latencies together, each ascending */
        static Latencies pooled(List<Latencies> runs) {
            return new Latencies(pooled(runs, Latencies::total), pooled(runs, Latencies::toSend), pooled(runs, Latencies::sendToReceive));
        }

        private static long[] pooled(List<Latencies> runs, Function<Latencies, long[]> part) {
            return runs.stream().flatMapToLong(run -> Arrays.stream(part.apply(run))).sorted().toArray();
        }
    }

    private final RelayFixture fixture;
    private final Outbox ours;
    private final ArtemisSender sender;
    private final ThreadLocalContextTransactionManager peerTransactions;
    private final TransactionOutbox peer;
    private final ExecutorService peerExecutor = Executors.newFixedThreadPool(SENDER_THREADS);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();

    private PeerOutboxBenchmark() throws Exception {
        System.setProperty("outbox.test.postgres.durable", "true");
        // A connection for each thread that holds a transaction: none waits for the pool.
        fixture = new RelayFixture(WRITERS);
        ours = fixture.outbox(CaptureMode.TABLE, true);
        sender = new ArtemisSender();
        peerTransactions = TransactionManager.fromDataSource(pool(fixture.database()));
        peer = TransactionOutbox.builder()
                .transactionManager(peerTransactions)
                .persistor(Persistor.forDialect(Dialect.POSTGRESQL_9))
                .instantiator(Instantiator.using(type -> sender))
                .submitter(ExecutorSubmitter.builder().executor(peerExecutor).build())
                .attemptFrequency(Duration.ofSeconds(1))
                .build();
        peer.initialize();
        flusher.scheduleWithFixedDelay(peer::flush, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static AgroalDataSource pool(TestDatabase database) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(WRITERS + SENDER_THREADS + 2)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(database.jdbcUrl())
                                .principal(new NamePrincipal(TestDatabase.APP_USER))
                                .credential(new SimplePassword(TestDatabase.APP_PASSWORD)))));
    }

    public static void main(String[] args) throws Exception {
        new PeerOutboxBenchmark().run(Path.of(args.length > 0 ? args[0] : "target"));
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        fixture.sql("CREATE TABLE IF NOT EXISTS purchase (id uuid PRIMARY KEY, customer text, amount int, note text)");
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "relay-bench_peer.log");
        try (RelayJarProcess relay = RelayJarProcess.start(fixture.relaySettings("bench_peer"), log)) {
            System.out.println("warm-up...");
            oursThroughput(relay, WARM_UP_MILLIS);
            peerThroughput(WARM_UP_MILLIS);
            // Taken in turns, so that whatever else the machine does at one moment falls on both sides.
            List<Throughput> oursRuns = new ArrayList<>();
            List<Throughput> peerRuns = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                Throughput oursRun = oursThroughput(relay, THROUGHPUT_MILLIS);
                Throughput peerRun = peerThroughput(THROUGHPUT_MILLIS);
                oursRuns.add(oursRun);
                peerRuns.add(peerRun);
                System.out.printf(Locale.ROOT, "round %d: ours %.0f committed/s, %.0f delivered/s; peer %.0f committed/s, %.0f delivered/s%n", round,
                        oursRun.committedPerSecond(), oursRun.deliveredPerSecond(), peerRun.committedPerSecond(), peerRun.deliveredPerSecond());
            }
            Throughput oursResult = Throughput.median(oursRuns);
            Throughput peerResult = Throughput.median(peerRuns);
            List<Latencies> oursRounds = new ArrayList<>();
            List<Latencies> peerRounds = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                Latencies oursRun = latency("bench.peer.ours-latency", () -> sendOurs("bench.peer.ours-latency"));
                Latencies peerRun = latency("bench.peer.peer-latency", () -> sendPeer("bench.peer.peer-latency"));
                oursRounds.add(oursRun);
                peerRounds.add(peerRun);
                System.out.printf(Locale.ROOT, "latency round %d at %d/s, p50 / p99 ms: ours %.1f / %.1f, peer %.1f / %.1f%n", round, LATENCY_RATE,
                        oursRun.p50Millis(), oursRun.p99Millis(), peerRun.p50Millis(), peerRun.p99Millis());
            }
            Latencies oursLatency = Latencies.pooled(oursRounds);
            Latencies peerLatency = Latencies.pooled(peerRounds);
            report(output, oursResult, peerResult, oursLatency, peerLatency);
        } finally {
            // Let the peer's last sends finish before the database goes away with the JVM.
            flusher.shutdownNow();
            peerExecutor.shutdown();
            peerExecutor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Throughput oursThroughput(RelayJarProcess relay, long millis) throws Exception {
        long before = relay.entriesRelayed();
        Runnable write = () -> sendOurs("bench.peer.ours");
        return throughput(millis, write, () -> relayedSince(relay, before));
    }

    private static long relayedSince(RelayJarProcess relay, long before) {
        try {
            return relay.entriesRelayed() - before;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the relay's metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Throughput peerThroughput(long millis) throws Exception {
        long before = sender.sent.get();
        Runnable write = () -> sendPeer("bench.peer.peer");
        return throughput(millis, write, () -> sender.sent.get() - before);
    }

    private void sendOurs(String queue) {
        try {
            fixture.jta().inTransaction(() -> {
                UUID id;
                try (java.sql.Connection connection = fixture.jta().dataSource().getConnection()) {
                    id = businessWrite(connection);
                }
                return ours.send(Message.command("shop.Purchased").to(queue).key("purchase", id)
                        .jsonPayload("{\"purchase\":\"" + id + "\",\"amount\":4200}").build());
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendPeer(String queue) {
        try {
            peerTransactions.<Exception>inTransactionThrows(transaction -> {
                UUID id = businessWrite(transaction.connection());
                peer.schedule(ArtemisSender.class).send(queue, "purchase:" + id, id.toString(),
                        "{\"purchase\":\"" + id + "\",\"amount\":4200}", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID businessWrite(java.sql.Connection connection) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO purchase VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, "customer-" + (id.hashCode() & 1023));
            insert.setInt(3, 4200);
            insert.setString(4, "two tickets, row 12, seats 7 and 8, delivered by e-mail");
            insert.executeUpdate();
        }
        return id;
    }

    /** Writers go as fast as they can; delivered rate = committed entries / time until all reached the broker. */
    private static Throughput throughput(long millis, Runnable write, java.util.function.LongSupplier delivered) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong committed = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> {
                while (running.get()) {
                    write.run();
                    committed.incrementAndGet();
                }
            });
            writers.add(writer);
            writer.start();
        }
        Thread.sleep(millis);
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (delivered.getAsLong() < committed.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivered " + delivered.getAsLong() + " of " + committed.get());
            }
            // Not more often: each look at ours is a scrape of the relay's metrics, which costs the relay CPU.
            Thread.sleep(20);
        }
        double allDeliveredSeconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(committed.get() / writeSeconds, committed.get() / allDeliveredSeconds);
    }

    /** @return commit-to-broker-consumer latencies at a steady rate, after a warm-up left out */
    private static Latencies latency(String queue, Runnable write) throws Exception {
        int warmUp = LATENCY_RATE * LATENCY_WARM_UP_SECONDS;
        int total = warmUp + LATENCY_RATE * LATENCY_SECONDS;
        long[] latencies = new long[total];
        long[] toSend = new long[total];
        long[] sendToReceive = new long[total];
        try (Connection connection = new ActiveMQConnectionFactory(ArtemisBroker.get().url()).createConnection(ArtemisBroker.USER,
                ArtemisBroker.PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            Thread receiver = new Thread(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        jakarta.jms.Message message = consumer.receive(30_000);
                        if (message == null) {
                            return;
                        }
                        Instant received = Instant.now();
                        Instant created = Instant.parse(message.getStringProperty("outbox_created_at"));
                        Instant sent = Instant.ofEpochMilli(message.getJMSTimestamp());
                        latencies[i] = Math.max(1, Duration.between(created, received).toNanos() / 1_000);
                        toSend[i] = Duration.between(created, sent).toNanos() / 1_000;
                        sendToReceive[i] = Duration.between(sent, received).toNanos() / 1_000;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            receiver.start();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long wait = start + TimeUnit.SECONDS.toNanos(1) * i / LATENCY_RATE - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                write.run();
            }
            receiver.join(60_000);
        }
        int[] measured = IntStream.range(warmUp, total).filter(i -> latencies[i] > 0).toArray();
        return new Latencies(sortedAt(latencies, measured), sortedAt(toSend, measured), sortedAt(sendToReceive, measured));
    }

    private static long[] sortedAt(long[] values, int[] indexes) {
        return Arrays.stream(indexes).mapToLong(i -> values[i]).sorted().toArray();
    }

    private static void report(Path output, Throughput ours, Throughput peer, Latencies oursLatency, Latencies peerLatency) throws IOException {
        String table = String.format(Locale.ROOT, """
                | %d writers, same business write and message | committed tx/s (median of %d × %d s) | delivered to the broker, msg/s | p50 ms at %d/s (%d × %d s) | p99 ms at %d/s |
                |---|---|---|---|---|
                | outbox (table + delete) + relay | %.0f | %.0f | %.1f | %.1f |
                | transactionoutbox 4.2.268 (in-process send after commit) | %.0f | %.0f | %.1f | %.1f |
                | ratio ours / peer (targets: throughput >= 3, p99 <= 1, p50 <= 2) | %.2f | %.2f | %.2f | %.2f |

                | at %d/s, p50 / p99 ms | envelope time (before the commit) to the send | send to the consumer's receive |
                |---|---|---|
                | outbox + relay | %s | %s |
                | transactionoutbox | %s | %s |
                """, WRITERS, ROUNDS, THROUGHPUT_MILLIS / 1000, LATENCY_RATE, ROUNDS, LATENCY_SECONDS, LATENCY_RATE,
                ours.committedPerSecond(), ours.deliveredPerSecond(), oursLatency.p50Millis(), oursLatency.p99Millis(),
                peer.committedPerSecond(), peer.deliveredPerSecond(), peerLatency.p50Millis(), peerLatency.p99Millis(),
                ours.committedPerSecond() / peer.committedPerSecond(), ours.deliveredPerSecond() / peer.deliveredPerSecond(),
                oursLatency.p50Millis() / peerLatency.p50Millis(), oursLatency.p99Millis() / peerLatency.p99Millis(),
                LATENCY_RATE, Stats.p50p99Millis(oursLatency.toSend()), Stats.p50p99Millis(oursLatency.sendToReceive()),
                Stats.p50p99Millis(peerLatency.toSend()), Stats.p50p99Millis(peerLatency.sendToReceive()));
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("peer-benchmark.md"), table);
    }
}
