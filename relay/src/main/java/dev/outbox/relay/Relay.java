package dev.outbox.relay;

import dev.outbox.relay.capture.CapturePreflight;
import dev.outbox.relay.capture.CaptureProperties;
import dev.outbox.relay.capture.OffsetTable;
import dev.outbox.relay.capture.OutboxRecordDecoder;
import dev.outbox.relay.publish.ArtemisPublisher;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One running relay: Debezium's embedded engine streaming the outbox into an {@link ArtemisPublisher}.
 * {@link #start} returns once the connector streams (its replication slot exists, so every entry
 * committed from then on will be relayed); {@link #close} lets the batch in flight finish and its
 * offsets be stored, within the configured shutdown timeout.
 *
 * <pre>{@code
 * try (Relay relay = Relay.start(RelayConfig.load(file, System.getenv(), System.getProperties()))) {
 *     relay.awaitTermination();
 * }
 * }</pre>
 */
public final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final RelayConfig config;
    private final RelayCounters counters = new RelayCounters();
    private final CountDownLatch taskStarted = new CountDownLatch(1);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ExecutorService executor;
    private final ArtemisPublisher publisher;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean closing;

    private Relay(RelayConfig config) {
        this.config = config;
        this.publisher = new ArtemisPublisher(config.get(RelaySetting.BROKER_URL), config.get(RelaySetting.BROKER_USER),
                config.get(RelaySetting.BROKER_PASSWORD), config.get(RelaySetting.INVALID_ADDRESS),
                config.getInt(RelaySetting.RETRY_MAX_BACKOFF_MS));
        this.executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "outbox-relay-engine"));
    }

    /**
     * Checks the database, connects to the broker and starts streaming.
     *
     * @throws RelayException saying what to fix when the relay cannot start
     */
    public static Relay start(RelayConfig config) {
        Relay relay = new Relay(config);
        try {
            relay.run();
            return relay;
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    private void run() {
        String name = config.relayName();
        LOG.info("Starting outbox relay '{}' with configuration:{}", name, config.describe());
        preflight();
        publisher.connect();
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(CaptureProperties.of(config))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        taskStarted.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (success) {
                        terminated.complete(null);
                    } else {
                        terminated.completeExceptionally(new RelayException("Capture stopped: " + message, error));
                    }
                })
                .notifying(new BatchRelay(new OutboxRecordDecoder(config.get(RelaySetting.OUTBOX_TABLE), config.get(RelaySetting.WAL_PREFIX)),
                        publisher, counters, !config.get(RelaySetting.INVALID_ADDRESS).isEmpty()))
                .build();
        executor.execute(() -> {
            try {
                engine.run();
            } catch (RuntimeException | Error e) {
                terminated.completeExceptionally(e);
            } finally {
                // The completion callback normally completed it already; this covers an engine that did not call it.
                terminated.complete(null);
            }
        });
        awaitStreaming(config.getInt(RelaySetting.STARTUP_TIMEOUT_MS));
        LOG.info("Outbox relay '{}' is streaming from {} to {}", name, config.jdbcUrl().url(), config.get(RelaySetting.BROKER_URL));
    }

    private void preflight() {
        JdbcUrl url = config.jdbcUrl();
        try (Connection connection = DriverManager.getConnection(url.url(), config.get(RelaySetting.DB_USER),
                config.get(RelaySetting.DB_PASSWORD))) {
            CapturePreflight.check(connection, new OffsetTable(config.get(RelaySetting.OFFSET_TABLE)), config.relayName());
        } catch (SQLException e) {
            throw new RelayException("Cannot prepare the database at " + url.url() + " as role '" + config.get(RelaySetting.DB_USER)
                    + "': " + e.getMessage(), e);
        }
    }

    private void awaitStreaming(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            while (!taskStarted.await(50, TimeUnit.MILLISECONDS)) {
                if (terminated.isDone()) {
                    failedStart();
                }
                if (System.nanoTime() > deadline) {
                    throw new RelayException("The relay did not start streaming within " + timeoutMs + " ms ("
                            + RelaySetting.STARTUP_TIMEOUT_MS.key() + "); see the log above for the cause");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("Interrupted while starting", e);
        }
        if (terminated.isDone()) {
            failedStart();
        }
    }

    private void failedStart() {
        try {
            terminated.get();
            throw new RelayException("Capture stopped during start-up; see the log above for the cause");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RelayException relay ? relay : new RelayException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("Interrupted while starting", e);
        }
    }

    /** @return what the relay did so far */
    public RelayCounters counters() {
        return counters;
    }

    /** @return whether the engine still runs */
    public boolean isRunning() {
        return engine != null && !terminated.isDone();
    }

    /**
     * Blocks until the relay stops.
     *
     * @throws RelayException if capture stopped because of an error
     */
    public void awaitTermination() throws InterruptedException {
        try {
            terminated.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RelayException relay ? relay : new RelayException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops streaming after the batch in flight and stores its offsets; waits at most the shutdown timeout. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        // A batch the broker accepts still completes; one that keeps failing is left for the next start.
        publisher.stopRetrying();
        long timeoutMs = config.getInt(RelaySetting.SHUTDOWN_TIMEOUT_MS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        if (engine != null && !terminated.isDone()) {
            LOG.info("Stopping outbox relay '{}'", config.relayName());
            closeEngine(deadline);
        }
        executor.shutdown();
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            if (!executor.awaitTermination(remaining, TimeUnit.NANOSECONDS)) {
                LOG.warn("The engine did not stop within {} ms; the unconfirmed batch will be resent on the next start", timeoutMs);
                executor.shutdownNow();
                executor.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        if (engine == null) {
            return;
        }
        LOG.info("Outbox relay '{}' stopped after relaying {} entries in {} batches ({} undecodable)", config.relayName(),
                counters.entries(), counters.batches(), counters.undecodable());
    }

    private void closeEngine(long deadline) {
        // The engine refuses to stop while its task starts (it would leak connections): wait for the task.
        while (true) {
            try {
                if (taskStarted.getCount() == 0 || terminated.isDone()) {
                    if (!terminated.isDone()) {
                        engine.close();
                    }
                    return;
                }
                taskStarted.await(50, TimeUnit.MILLISECONDS);
            } catch (IllegalStateException e) {
                LOG.debug("Engine not ready to stop yet: {}", e.getMessage());
                sleepQuietly(50);
            } catch (IOException e) {
                LOG.warn("Stopping the engine failed: {}", e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("The engine did not finish starting in time; abandoning it");
                return;
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
