package dev.outbox.bench;

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
import io.agroal.narayana.NarayanaTransactionIntegration;

import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.postgresql.xa.PGXADataSource;

/**
 * The outbox against two-phase commit, in the same run: the same business row and the same
 * message, either as one XA transaction over PostgreSQL and Artemis (Narayana coordinating), or
 * as a local transaction writing an outbox entry while the relay streams it to the same broker.
 * Both on a PostgreSQL that flushes its WAL ({@code fsync=on}); the broker and the relay jar run
 * each in a process of their own.
 */
public final class TwoPhaseCommitBenchmark {

    static final int WRITERS = 8;
    static final int ROUNDS = 3;
    static final long ROUND_MILLIS = 6_000;
    static final String PAYLOAD = "{\"purchase\":\"%s\",\"amount\":4200,\"tickets\":2}";

    private final RelayFixture fixture;
    private final TransactionManager transactions;
    private final AgroalDataSource xaDataSource;
    private final Outbox outbox;

    private TwoPhaseCommitBenchmark() throws Exception {
        System.setProperty("outbox.test.postgres.durable", "true");
        // A connection for each thread that holds a transaction: none waits for the pool.
        fixture = new RelayFixture(WRITERS);
        transactions = fixture.jta().transactionManager();
        xaDataSource = xaDataSource(fixture.database());
        outbox = fixture.outbox(CaptureMode.TABLE, true);
    }

    public static void main(String[] args) throws Exception {
        new TwoPhaseCommitBenchmark().run(Path.of(args.length > 0 ? args[0] : "target"));
        System.exit(0);
    }

    private AgroalDataSource xaDataSource(TestDatabase database) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(WRITERS * 2)
                        .transactionIntegration(new NarayanaTransactionIntegration(transactions, fixture.jta().registry()))
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(PGXADataSource.class)
                                .xaProperty("url", database.jdbcUrl())
                                .principal(new NamePrincipal(TestDatabase.APP_USER))
                                .credential(new SimplePassword(TestDatabase.APP_PASSWORD)))));
    }

    private void run(Path output) throws Exception {
        fixture.sql("CREATE TABLE IF NOT EXISTS purchase (id uuid PRIMARY KEY, customer text, amount int, note text)");
        List<Double> xa = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "relay-bench_two_phase.log");
        try (RelayJarProcess relay = RelayJarProcess.start(fixture.relaySettings("bench_two_phase"), log)) {
            System.out.println("warm-up...");
            twoPhase(2_000);
            outbox(relay, 2_000);
            for (int round = 1; round <= ROUNDS; round++) {
                xa.add(twoPhase(ROUND_MILLIS));
                ours.add(outbox(relay, ROUND_MILLIS));
                System.out.printf(Locale.ROOT, "round %d: XA %.0f tx/s, outbox + relay %.0f tx/s%n", round, xa.get(round - 1), ours.get(round - 1));
            }
        }
        report(output, xa, ours);
    }

    /** @return transactions/s with the business row and the message in one XA transaction */
    private double twoPhase(long millis) throws Exception {
        ActiveMQXAConnectionFactory factory = new ActiveMQXAConnectionFactory(ArtemisBroker.get().url());
        List<XAConnection> connections = new ArrayList<>();
        try {
            return measure(millis, writer -> {
                XAConnection connection = factory.createXAConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD);
                synchronized (connections) {
                    connections.add(connection);
                }
                XASession session = connection.createXASession();
                MessageProducer producer = session.createProducer(session.createQueue("bench.two-phase"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                return () -> {
                    transactions.begin();
                    transactions.getTransaction().enlistResource(session.getXAResource());
                    UUID id = businessWrite(xaDataSource);
                    producer.send(session.createTextMessage(PAYLOAD.formatted(id)));
                    transactions.commit();
                };
            });
        } finally {
            for (XAConnection connection : connections) {
                connection.close();
            }
        }
    }

    /** @return transactions/s writing an outbox entry, the relay streaming meanwhile and keeping up */
    private double outbox(RelayJarProcess relay, long millis) throws Exception {
        long before = relay.entriesRelayed();
        AtomicLong committed = new AtomicLong();
        double rate = measure(millis, writer -> () -> {
            fixture.jta().inTransaction(() -> {
                UUID id = businessWrite(fixture.jta().dataSource());
                return outbox.send(Message.event("shop.Purchased").to("bench.outbox").key("purchase", id)
                        .jsonPayload(PAYLOAD.formatted(id)).build());
            });
            committed.incrementAndGet();
        });
        long deadline = System.currentTimeMillis() + 60_000;
        for (long relayed = relay.entriesRelayed() - before; relayed < committed.get(); relayed = relay.entriesRelayed() - before) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the relay did not keep up: " + relayed + " of " + committed.get());
            }
            // Each look is a scrape of the relay's metrics, which costs the relay a little CPU.
            Thread.sleep(20);
        }
        return rate;
    }

    private static UUID businessWrite(DataSource dataSource) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO purchase VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, "customer-" + (id.hashCode() & 1023));
            insert.setInt(3, 4200);
            insert.setString(4, "two tickets, row 12, seats 7 and 8, delivered by e-mail");
            insert.executeUpdate();
        }
        return id;
    }

    /** Work of one writer thread, prepared once per writer. */
    @FunctionalInterface
    private interface WriterSetup {
        Transaction prepare(int writer) throws Exception;
    }

    @FunctionalInterface
    private interface Transaction {
        void run() throws Exception;
    }

    private static double measure(long millis, WriterSetup setup) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(WRITERS);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                try {
                    Transaction transaction = setup.prepare(writer);
                    ready.countDown();
                    while (running.get()) {
                        transaction.run();
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    ready.countDown();
                }
            }, "writer-" + w);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        long startCount = done.get();
        Thread.sleep(millis);
        long count = done.get() - startCount;
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a writer failed", failures.get(0));
        }
        return count / seconds;
    }

    private static void report(Path output, List<Double> xa, List<Double> ours) throws IOException {
        double xaMedian = Stats.median(xa);
        double oursMedian = Stats.median(ours);
        String table = String.format(Locale.ROOT, """
                | %d writers, business row + message | median tx/s | min | max |
                |---|---|---|---|
                | XA: PostgreSQL + Artemis, two-phase commit | %.0f | %.0f | %.0f |
                | outbox (table + delete), relay streaming to Artemis | %.0f | %.0f | %.0f |
                | ratio (target >= 1.5) | %.2f | | |
                """, WRITERS, xaMedian, min(xa), max(xa), oursMedian, min(ours), max(ours), oursMedian / xaMedian);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("two-phase-benchmark.md"), table);
        Files.writeString(output.resolve("two-phase-benchmark.json"), String.format(Locale.ROOT,
                "{\"writers\":%d,\"xa\":%s,\"outbox\":%s,\"ratio\":%.3f}%n", WRITERS, xa, ours, oursMedian / xaMedian));
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

}
