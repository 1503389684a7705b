package dev.outbox.bench;

import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import dev.outbox.testing.TestKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What writing a message costs the business transaction: the same JTA transaction (one business
 * row) with and without an outbox entry, in each capture mode, at 1, 4 and 16 concurrent writers,
 * on a PostgreSQL that flushes its WAL to disk ({@code fsync=on}, {@code synchronous_commit=on}).
 */
public final class WriteCostBenchmark {

    static final int[] WRITERS = {1, 4, 16};
    static final int ROUNDS = 3;
    static final long ROUND_MILLIS = 4_000;

    /**
     * One way of running the business transaction: with a message through this outbox, or, when
     * {@code outbox} is null, without one; {@code secondStatement} adds a trivial statement instead
     * of the message, to show what one more round trip costs on its own.
     */
    private record Variant(String name, Outbox outbox, boolean secondStatement) {
    }

    private record Result(double transactionsPerSecond, double p50Ms, double p99Ms) {
    }

    private final TestDatabase database;
    private final JtaEnvironment jta;

    private WriteCostBenchmark() {
        System.setProperty("outbox.test.postgres.durable", "true");
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, 16);
    }

    public static void main(String[] args) throws Exception {
        WriteCostBenchmark benchmark = new WriteCostBenchmark();
        try {
            benchmark.run(Path.of(args.length > 0 ? args[0] : "target"));
        } finally {
            benchmark.jta.close();
        }
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        try (var connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS purchase (id uuid PRIMARY KEY, customer text, amount int, note text)");
        }
        List<Variant> variants = List.of(
                new Variant("plain (no message)", null, false),
                new Variant("plain + SELECT 1 (a round trip, no message)", null, true),
                new Variant("table", outbox(CaptureMode.TABLE, false), false),
                new Variant("table + delete", outbox(CaptureMode.TABLE, true), false),
                new Variant("WAL message", outbox(CaptureMode.WAL, false), false));
        System.out.println("warm-up...");
        for (Variant variant : variants) {
            measure(variant, 4, 2_000);
        }
        Map<String, Map<Integer, List<Result>>> results = new LinkedHashMap<>();
        for (int writers : WRITERS) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (Variant variant : variants) {
                    Result result = measure(variant, writers, ROUND_MILLIS);
                    results.computeIfAbsent(variant.name(), k -> new LinkedHashMap<>()).computeIfAbsent(writers, k -> new ArrayList<>()).add(result);
                    System.out.printf(Locale.ROOT, "%2d writers, round %d, %-20s %8.0f tx/s  p50 %.2f ms  p99 %.2f ms%n",
                            writers, round, variant.name(), result.transactionsPerSecond(), result.p50Ms(), result.p99Ms());
                }
            }
            try (var connection = database.appConnection(); Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE purchase, outbox_message");
            }
        }
        report(output, results);
    }

    private Outbox outbox(CaptureMode mode, boolean delete) {
        return Outbox.builder()
                .settings(OutboxSettings.builder().serviceName("shop").signingKey("shop-1", TestKeys.hmacKey())
                        .captureMode(mode).deleteAfterInsert(delete).build())
                .dataSource(jta.dataSource()).transactionRegistry(jta.registry()).build();
    }

    private Result measure(Variant variant, int writers, long millis) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            long[] samples = new long[1_000_000];
            latencies.add(samples);
            Thread thread = new Thread(() -> {
                started.countDown();
                int n = 0;
                while (running.get() && n < samples.length) {
                    long begin = System.nanoTime();
                    try {
                        jta.inTransaction(() -> work(variant));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    samples[n++] = System.nanoTime() - begin;
                }
            }, "writer-" + w);
            threads.add(thread);
            thread.start();
        }
        started.await();
        long start = System.nanoTime();
        Thread.sleep(millis);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(samples -> Arrays.stream(samples).filter(l -> l > 0)).sorted().toArray();
        return new Result(all.length / seconds, Stats.percentile(all, 50) / 1e6, Stats.percentile(all, 99) / 1e6);
    }

    private Object work(Variant variant) throws Exception {
        UUID id = UUID.randomUUID();
        try (var connection = jta.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO purchase VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, "customer-" + (id.hashCode() & 1023));
            insert.setInt(3, 4200);
            insert.setString(4, "two tickets, row 12, seats 7 and 8, delivered by e-mail");
            insert.executeUpdate();
            if (variant.secondStatement()) {
                try (PreparedStatement select = connection.prepareStatement("SELECT 1")) {
                    select.executeQuery().close();
                }
            }
        }
        if (variant.outbox() != null) {
            variant.outbox().send(Message.event("shop.Purchased").to("shop.events").key("purchase", id)
                    .jsonPayload("{\"purchase\":\"" + id + "\",\"amount\":4200,\"tickets\":2}").build());
        }
        return null;
    }

    private static void report(Path output, Map<String, Map<Integer, List<Result>>> results) throws IOException {
        StringBuilder table = new StringBuilder("| writers | variant | median tx/s | vs plain | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        StringBuilder json = new StringBuilder("[");
        for (int writers : WRITERS) {
            double plain = Stats.median(results.values().iterator().next().get(writers).stream().map(Result::transactionsPerSecond).toList());
            for (Map.Entry<String, Map<Integer, List<Result>>> variant : results.entrySet()) {
                List<Result> rounds = variant.getValue().get(writers);
                double tps = Stats.median(rounds.stream().map(Result::transactionsPerSecond).toList());
                double p50 = Stats.median(rounds.stream().map(Result::p50Ms).toList());
                double p99 = Stats.median(rounds.stream().map(Result::p99Ms).toList());
                table.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.2f | %.2f |%n", writers, variant.getKey(), tps, tps / plain, p50, p99));
                json.append(json.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                        "{\"writers\":%d,\"variant\":\"%s\",\"tps\":%s,\"ratio\":%.3f,\"p50Ms\":%.3f,\"p99Ms\":%.3f}",
                        writers, variant.getKey(), rounds.stream().map(Result::transactionsPerSecond).toList(), tps / plain, p50, p99));
            }
        }
        json.append("]\n");
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("write-cost-benchmark.md"), table.toString());
        Files.writeString(output.resolve("write-cost-benchmark.json"), json.toString());
    }
}
