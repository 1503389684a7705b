package dev.outbox.bench;

import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.consumer.HandlerPolicy;
import dev.outbox.consumer.Handlers;
import dev.outbox.consumer.JmsDeadLetterSink;
import dev.outbox.consumer.MessageDispatcher;
import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.relay.testing.RelayFixture;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The whole path, from the sender's commit to the receiver's handler having committed: outbox
 * entry, relay, Artemis, consumer with signature check, policy and inbox. After a warm-up that
 * goes through every phase once, the sustainable rate (the highest rate kept up without a growing
 * backlog), then latency percentiles at 10%, 50% and 80% of it. The relay jar and
 * the broker run each in a process of their own, as in production.
 */
public final class EndToEndBenchmark {

    static final int CONSUMERS = 4;
    static final int WRITERS = 4;
    static final int BACKLOG = 4_000;
    static final int PHASE_SECONDS = 15;
    static final int WARM_UP_PHASE_SECONDS = 10;
    static final int TRIAL_SECONDS = 10;
    static final int[] LOADS = {10, 50, 80};
    static final String QUEUE = "bench.e2e";

    public record Purchase(String purchase, int amount) {
    }

    private final RelayFixture fixture;
    private final Outbox outbox;
    private final AtomicLong handled = new AtomicLong();
    private final Queue<Hops> latencies = new ConcurrentLinkedQueue<>();

    /**
     * One message's way in microseconds: from the sender's envelope time to the relay's send (the
     * message's JMS timestamp: commit, WAL, Debezium, the relay's batch), from there to the
     * consumer's receive (broker commit, delivery, waiting behind the consumer's earlier
     * messages), and the handling (JTA transaction with checks, inbox and handler, then the
     * acknowledgement). Sender, relay and consumer share one clock; the first two are in ms.
     */
    private record Hops(long total, long toRelaySend, long toReceive, long handling) {
    }
    private final AtomicBoolean consuming = new AtomicBoolean(true);
    private double burst;

    private EndToEndBenchmark() throws Exception {
        System.setProperty("outbox.test.postgres.durable", "true");
        // A connection for each thread that holds a transaction: none waits for the pool.
        fixture = new RelayFixture(WRITERS + CONSUMERS);
        outbox = fixture.outbox(CaptureMode.TABLE, true);
    }

    public static void main(String[] args) throws Exception {
        new EndToEndBenchmark().run(Path.of(args.length > 0 ? args[0] : "target"));
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        fixture.sql("CREATE TABLE IF NOT EXISTS bench_purchase (message_id uuid, purchase text, amount int)");
        List<Thread> consumers = new ArrayList<>();
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "relay-bench_e2e.log");
        try (RelayJarProcess relay = RelayJarProcess.start(fixture.relaySettings("bench_e2e"), log)) {
            MessageDispatcher dispatcher = dispatcher();
            for (int i = 0; i < CONSUMERS; i++) {
                Thread consumer = new Thread(() -> consume(dispatcher), "consumer-" + i);
                consumers.add(consumer);
                consumer.start();
            }
            warmUp();
            int capacity = sustainableRate();
            System.out.printf(Locale.ROOT, "sustainable: %d messages/s end to end (a burst of %d drained at %.0f/s)%n", capacity, BACKLOG, burst);
            List<String> rows = new ArrayList<>();
            List<String> hopRows = new ArrayList<>();
            for (int percent : LOADS) {
                int rate = rate(capacity, percent);
                latencies.clear();
                sendAtRate(rate, PHASE_SECONDS);
                awaitHandled(Duration.ofSeconds(120));
                long[] sorted = sorted(Hops::total);
                rows.add(String.format(Locale.ROOT, "| %d%% (%d/s) | %d | %.1f | %.1f | %.1f |", percent, rate, sorted.length,
                        Stats.percentile(sorted, 50) / 1000, Stats.percentile(sorted, 95) / 1000, Stats.percentile(sorted, 99) / 1000));
                System.out.println(rows.get(rows.size() - 1));
                hopRows.add(String.format(Locale.ROOT, "| %d%% | %s | %s | %s |", percent, Stats.p50p99Millis(sorted(Hops::toRelaySend)),
                        Stats.p50p99Millis(sorted(Hops::toReceive)), Stats.p50p99Millis(sorted(Hops::handling))));
                System.out.println(hopRows.get(hopRows.size() - 1));
            }
            report(output, capacity, burst, rows, hopRows);
        } finally {
            consuming.set(false);
            for (Thread consumer : consumers) {
                consumer.join(5_000);
            }
        }
    }

    /**
     * Runs the whole measurement once unrecorded. Three young JVMs (relay, broker and this one) go on
     * compiling for a minute and more: a shorter warm-up left their JIT compilers taking a core between
     * them in the middle of the measured phases, which showed as a p99 of 80 to 290 ms at 50% load
     * while 80% load, later, had 40 to 70.
     */
    private void warmUp() throws Exception {
        System.out.println("warm-up...");
        sendAtRate(100, 5);
        awaitHandled(Duration.ofSeconds(60));
        double estimate = burstRate();
        for (int percent : LOADS) {
            sendAtRate(rate(estimate, percent), WARM_UP_PHASE_SECONDS);
            awaitHandled(Duration.ofSeconds(120));
        }
    }

    private static int rate(double capacity, int percent) {
        return (int) Math.max(1, capacity * percent / 100);
    }

    private MessageDispatcher dispatcher() {
        Handlers handlers = Handlers.builder()
                .on("shop.Purchased", Purchase.class, HandlerPolicy.from(RelayFixture.SERVICE), (purchase, message) -> {
                    try (var connection = fixture.jta().dataSource().getConnection();
                         PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_purchase VALUES (?, ?, ?)")) {
                        insert.setObject(1, message.id());
                        insert.setString(2, purchase.purchase());
                        insert.setInt(3, purchase.amount());
                        insert.executeUpdate();
                    }
                })
                .build();
        return MessageDispatcher.builder().consumer("bench-e2e").handlers(handlers).verifier(fixture.verifier())
                .dataSource(fixture.jta().dataSource()).transactionRegistry(fixture.jta().registry())
                .newTransactionsFrom(fixture.jta().transactionManager()).build();
    }

    /** One consumer as an MDB runs it: a JTA transaction per message, then the broker acknowledgement. */
    private void consume(MessageDispatcher dispatcher) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(ArtemisBroker.get().url());
        try (Connection connection = factory.createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            JmsDeadLetterSink deadLetters = JmsDeadLetterSink.through(session, "bench.dead-letters");
            connection.start();
            while (consuming.get()) {
                jakarta.jms.Message message = consumer.receive(100);
                if (message == null) {
                    continue;
                }
                Instant received = Instant.now();
                fixture.jta().transactionManager().begin();
                dispatcher.dispatch(message, deadLetters);
                fixture.jta().transactionManager().commit();
                session.commit();
                Instant handledAt = Instant.now();
                Instant created = Instant.parse(message.getStringProperty("outbox_created_at"));
                Instant relaySent = Instant.ofEpochMilli(message.getJMSTimestamp());
                latencies.add(new Hops(micros(created, handledAt), micros(created, relaySent), micros(relaySent, received),
                        micros(received, handledAt)));
                handled.incrementAndGet();
            }
        } catch (Exception e) {
            if (consuming.get()) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * @return the highest rate, in steps of 15% down from the burst rate, that is kept up for
     *         {@value #TRIAL_SECONDS} s: the writers keep to it and the backlog at the end is under
     *         half a second's worth. A burst drains faster than a rate can be kept for long: once
     *         warm, a burst of 4,000 went at 942/s, and 753/s kept for 15 s left the consumers'
     *         queue growing (a p99 of 466 ms).
     */
    private int sustainableRate() throws Exception {
        burst = burstRate();
        int rate = (int) burst;
        while (true) {
            long start = System.nanoTime();
            sendAtRate(rate, TRIAL_SECONDS);
            double late = (System.nanoTime() - start) / 1e9 - TRIAL_SECONDS;
            long backlog = sent.get() - handled.get();
            boolean kept = late < 0.5 && backlog < rate / 2;
            System.out.printf(Locale.ROOT, "%d/s for %d s: writers %.2f s late, backlog %d: %s%n", rate, TRIAL_SECONDS, Math.max(0, late),
                    backlog, kept ? "kept up" : "not kept up");
            awaitHandled(Duration.ofSeconds(120));
            if (kept || rate <= 10) {
                return rate;
            }
            rate = (int) (rate * 0.85);
        }
    }

    /** @return messages/s handled while draining a backlog sent as fast as the writers go */
    private double burstRate() throws Exception {
        long before = handled.get();
        long start = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < BACKLOG / WRITERS; i++) {
                    send();
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        awaitHandled(Duration.ofSeconds(120));
        return (handled.get() - before) / ((System.nanoTime() - start) / 1e9);
    }

    private final AtomicLong sent = new AtomicLong();

    private void sendAtRate(int perSecond, int seconds) throws Exception {
        List<Thread> writers = new ArrayList<>();
        long start = System.nanoTime();
        int total = perSecond * seconds;
        AtomicLong next = new AtomicLong();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + TimeUnit.SECONDS.toNanos(1) * i / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    send();
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private void send() {
        try {
            fixture.jta().inTransaction(() -> outbox.send(Message.command("shop.Purchased").to(QUEUE).key("purchase", sent.get() % 200)
                    .payload(new Purchase("p-" + sent.incrementAndGet(), 4200)).build()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitHandled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handled.get() < sent.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("handled " + handled.get() + " of " + sent.get() + " in time");
            }
            Thread.sleep(10);
        }
    }

    private long[] sorted(ToLongFunction<Hops> hop) {
        return latencies.stream().mapToLong(hop).sorted().toArray();
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1_000;
    }

    private static void report(Path output, int capacity, double burst, List<String> rows, List<String> hopRows) throws IOException {
        String table = String.format(Locale.ROOT, """
                Sustainable end-to-end rate (%d writers, relay, %d consumers): %d messages/s kept up for %d s \
                (a burst of %d messages drained at %.0f/s)

                | load | messages | p50 ms | p95 ms | p99 ms |
                |---|---|---|---|---|
                %s

                | load | p50 / p99 ms: commit to the relay's send | relay's send to the consumer's receive | handling and acknowledgement |
                |---|---|---|---|
                %s
                """, WRITERS, CONSUMERS, capacity, TRIAL_SECONDS, BACKLOG, burst, String.join("\n", rows), String.join("\n", hopRows));
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("end-to-end-benchmark.md"), table);
    }
}
