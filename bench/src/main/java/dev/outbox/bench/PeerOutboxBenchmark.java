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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
     * Before each measurement, unrecorded. The relay and the broker are young processes: with 2 s of
     * warm-up their JIT compilers were still busy during the measured seconds; the peer runs in
     * this JVM and gets the same warm-up.
     */
    static final long WARM_UP_MILLIS = 10_000;
    /** Sent at the rate before the measured seconds of a latency run, and left out: a new address settles first. */
    static final int LATENCY_WARM_UP_SECONDS = 3;

    /** What the peer's outbox calls after the commit: one durable send to Artemis. */
    public static class ArtemisSender {
        private final Connection connection;
        private final ThreadLocal<Session> sessions;
        final AtomicLong sent = new AtomicLong();

        /** For the peer's recording proxy, which subclasses this class. */
        protected ArtemisSender(Void proxy) {
            connection = null;
            sessions = null;
        }

        ArtemisSender() throws Exception {
            connection = new ActiveMQConnectionFactory(ArtemisBroker.get().url()).createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD);
            sessions = ThreadLocal.withInitial(() -> {
                try {
                    return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        public void send(String queue, String key, String id, String payload, long createdMillis) {
            try {
                sendDurably(queue, key, id, payload, createdMillis);
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException("send to " + queue + " failed", e);
            }
        }

        private void sendDurably(String queue, String key, String id, String payload, long createdMillis) throws jakarta.jms.JMSException {
            Session session = sessions.get();
            TextMessage message = session.createTextMessage(payload);
            message.setStringProperty("JMSXGroupID", key);
            message.setStringProperty("_AMQ_DUPL_ID", id);
            message.setStringProperty("outbox_created_at", Instant.ofEpochMilli(createdMillis).toString());
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producer.send(message);
            }
            sent.incrementAndGet();
        }
    }

    private record Throughput(double committedPerSecond, double deliveredPerSecond) {
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
            Throughput oursResult = oursThroughput(relay, THROUGHPUT_MILLIS);
            Throughput peerResult = peerThroughput(THROUGHPUT_MILLIS);
            System.out.printf(Locale.ROOT, "ours: %.0f committed/s, %.0f delivered/s; peer: %.0f committed/s, %.0f delivered/s%n",
                    oursResult.committedPerSecond(), oursResult.deliveredPerSecond(), peerResult.committedPerSecond(), peerResult.deliveredPerSecond());
            long[] oursLatency = latency("bench.peer.ours-latency", () -> sendOurs("bench.peer.ours-latency"));
            long[] peerLatency = latency("bench.peer.peer-latency", () -> sendPeer("bench.peer.peer-latency"));
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
                        "{\"purchase\":\"" + id + "\",\"amount\":4200}", System.currentTimeMillis());
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

    /** @return commit-to-broker-consumer latencies (microseconds, ascending) at a steady rate */
    private static long[] latency(String queue, Runnable write) throws Exception {
        int warmUp = LATENCY_RATE * LATENCY_WARM_UP_SECONDS;
        int total = warmUp + LATENCY_RATE * LATENCY_SECONDS;
        long[] latencies = new long[total];
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
                        Instant created = Instant.parse(message.getStringProperty("outbox_created_at"));
                        latencies[i] = Math.max(1, Duration.between(created, Instant.now()).toNanos() / 1_000);
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
        return java.util.Arrays.stream(latencies, warmUp, total).filter(l -> l > 0).sorted().toArray();
    }

    private static void report(Path output, Throughput ours, Throughput peer, long[] oursLatency, long[] peerLatency) throws IOException {
        String table = String.format(Locale.ROOT, """
                | %d writers, same business write and message | committed tx/s | delivered to the broker, msg/s | p50 ms at %d/s | p99 ms at %d/s |
                |---|---|---|---|---|
                | outbox (table + delete) + relay | %.0f | %.0f | %.1f | %.1f |
                | transactionoutbox 4.2.268 (in-process send after commit) | %.0f | %.0f | %.1f | %.1f |
                | ratio ours / peer (targets: throughput >= 3, p99 <= 1, p50 <= 2) | %.2f | %.2f | %.2f | %.2f |
                """, WRITERS, LATENCY_RATE, LATENCY_RATE,
                ours.committedPerSecond(), ours.deliveredPerSecond(), Stats.percentile(oursLatency, 50) / 1000, Stats.percentile(oursLatency, 99) / 1000,
                peer.committedPerSecond(), peer.deliveredPerSecond(), Stats.percentile(peerLatency, 50) / 1000, Stats.percentile(peerLatency, 99) / 1000,
                ours.committedPerSecond() / peer.committedPerSecond(), ours.deliveredPerSecond() / peer.deliveredPerSecond(),
                Stats.percentile(oursLatency, 50) / Stats.percentile(peerLatency, 50), Stats.percentile(oursLatency, 99) / Stats.percentile(peerLatency, 99));
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("peer-benchmark.md"), table);
    }
}
