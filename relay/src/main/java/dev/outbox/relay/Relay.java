package dev.outbox.relay;

import dev.outbox.relay.capture.CapturePreflight;
import dev.outbox.relay.capture.CaptureProperties;
import dev.outbox.relay.capture.OffsetTable;
import dev.outbox.relay.capture.OutboxPublication;
import dev.outbox.relay.capture.OutboxRecordDecoder;
import dev.outbox.relay.ops.OpsServer;
import dev.outbox.relay.ops.Readiness;
import dev.outbox.relay.ops.SlotMonitor;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running relay: Debezium's embedded engine streaming the outbox into an {@link ArtemisPublisher},
 * kept running by a supervisor. When the database or the broker cannot be reached, or capture fails,
 * the supervisor logs a warning and starts capture again from the stored offsets after a growing
 * pause; it gives up only on a failure no retry can fix (a refused password, {@code wal_level} not
 * logical, a lost replication slot, a missing privilege). Meanwhile the HTTP endpoint reports the
 * relay not ready.
 *
 * <pre>{@code
 * try (Relay relay = Relay.start(RelayConfig.load(file, System.getenv(), System.getProperties()))) {
 *     relay.awaitTermination();
 * }
 * }</pre>
 */
public final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final long FIRST_RESTART_BACKOFF_MS = 500;
    /** Capture that streamed this long before failing starts again without the accumulated pause. */
    private static final long STABLE_STREAMING_MS = 30_000;

    private final RelayConfig config;
    private final RelayCounters counters = new RelayCounters();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final CompletableFuture<Void> firstStreaming = new CompletableFuture<>();
    private final ArtemisPublisher publisher;
    private final SlotMonitor slotMonitor;
    private final ScheduledExecutorService scheduler;
    private final Thread supervisor;
    private final Object pause = new Object();
    private OpsServer opsServer;
    private volatile Capture capture;
    private volatile String captureProblem = "starting";
    private volatile boolean closing;
    private int databaseFailures;

    private Relay(RelayConfig config) {
        this.config = config;
        this.publisher = new ArtemisPublisher(config.get(RelaySetting.BROKER_URL), config.get(RelaySetting.BROKER_USER),
                config.get(RelaySetting.BROKER_PASSWORD), config.get(RelaySetting.INVALID_ADDRESS),
                config.getInt(RelaySetting.RETRY_MAX_BACKOFF_MS));
        this.slotMonitor = new SlotMonitor(config.jdbcUrl().url(), config.get(RelaySetting.DB_USER),
                config.get(RelaySetting.DB_PASSWORD), config.relayName());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay-monitor");
            thread.setDaemon(true);
            return thread;
        });
        this.supervisor = new Thread(this::supervise, "outbox-relay-supervisor");
    }

    /**
     * Starts the relay and returns at once: capture starts in the background and is retried while the
     * database or broker cannot be reached. The HTTP endpoint, if configured, is up when this returns.
     *
     * @throws RelayException when the HTTP port cannot be bound
     */
    public static Relay launch(RelayConfig config) {
        Relay relay = new Relay(config);
        LOG.info("Starting outbox relay '{}' with configuration:{}", config.relayName(), config.describe());
        try {
            relay.startOps();
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
        relay.supervisor.start();
        return relay;
    }

    /**
     * Starts the relay and returns once it streams (its replication slot exists, so every entry
     * committed from then on will be relayed).
     *
     * @throws RelayException saying what to fix, when start-up failed for good or did not finish within
     *                        the start-up timeout
     */
    public static Relay start(RelayConfig config) {
        Relay relay = launch(config);
        try {
            relay.awaitStreaming(config.getInt(RelaySetting.STARTUP_TIMEOUT_MS));
            return relay;
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    private void startOps() {
        slotMonitor.refresh();
        scheduler.scheduleWithFixedDelay(this::monitor, 1, 1, TimeUnit.SECONDS);
        int port = config.getInt(RelaySetting.HTTP_PORT);
        if (port < 0) {
            LOG.info("No HTTP endpoint ({} is {})", RelaySetting.HTTP_PORT.key(), port);
            return;
        }
        try {
            opsServer = OpsServer.start(port, this::readiness, () -> RelayMetrics.render(counters, publisher, slotMonitor.refresh(), readiness()));
        } catch (IOException e) {
            throw new RelayException("Cannot serve HTTP on port " + port + " (" + e.getMessage() + "); choose another with "
                    + RelaySetting.HTTP_PORT.key() + " (" + RelaySetting.HTTP_PORT.environmentVariable() + "), or -1 for none", e);
        }
        LOG.info("Serving /health/live, /health/ready and /metrics on port {}", opsServer.port());
    }

    private void monitor() {
        try {
            SlotMonitor.Status status = slotMonitor.refresh();
            Capture current = capture;
            if (status.problem() == null) {
                databaseFailures = 0;
            } else if (++databaseFailures == 2 && current != null && captureProblem == null && !closing) {
                // A server shutting down waits for its replication connections to go away, and a dead
                // server's stream may take long to notice: end capture, and start it again once possible.
                LOG.warn("The database does not answer ({}); stopping capture to start it again from the stored position",
                        status.problem());
                current.stopReason = "the database does not answer: " + status.problem();
                scheduler.execute(() -> current.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
            }
            publisher.reconnectIfIdle();
        } catch (RuntimeException e) {
            LOG.debug("Monitoring failed", e);
        }
    }

    /** Runs capture until the relay is closed, starting it again after each failure worth a retry. */
    private void supervise() {
        long backoff = FIRST_RESTART_BACKOFF_MS;
        long maxBackoff = config.getInt(RelaySetting.RESTART_MAX_BACKOFF_MS);
        for (int attempt = 1; !closing; attempt++) {
            long started = System.nanoTime();
            RelayException failure;
            try {
                runCapture();
                failure = closing ? null : new RelayUnavailableException("capture stopped without giving a reason", null);
            } catch (RelayException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new RelayUnavailableException("capture failed: " + e, e);
            }
            if (closing) {
                break;
            }
            captureProblem = failure.getMessage();
            if (!isRetriable(failure)) {
                firstStreaming.completeExceptionally(failure);
                terminated.completeExceptionally(failure);
                return;
            }
            if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) > STABLE_STREAMING_MS) {
                backoff = FIRST_RESTART_BACKOFF_MS;
            }
            counters.captureRestarted();
            LOG.warn("Relay '{}' is not streaming (attempt {}): {}; trying again from the stored position in {} ms",
                    config.relayName(), attempt, failure.getMessage(), backoff);
            pause(backoff);
            backoff = Math.min(backoff * 2, maxBackoff);
        }
        terminated.complete(null);
        firstStreaming.completeExceptionally(new RelayException("The relay was stopped before it streamed"));
    }

    /**
     * A failure is worth a retry when something could not be reached; not when the configuration, the
     * server settings or the grants must change first (see {@link CapturePreflight#isTransient}).
     */
    private static boolean isRetriable(RelayException failure) {
        if (!(failure instanceof RelayUnavailableException)) {
            return false;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return CapturePreflight.isTransient(sql);
            }
        }
        return true;
    }

    private void pause(long millis) {
        synchronized (pause) {
            long until = System.currentTimeMillis() + millis;
            while (!closing && System.currentTimeMillis() < until) {
                try {
                    pause.wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One capture attempt: checks, connects, streams until the engine stops; throws why it stopped. */
    private void runCapture() {
        preflight();
        publisher.connect();
        Capture current = new Capture(CaptureProperties.of(config));
        synchronized (this) {
            if (closing) {
                return;
            }
            capture = current;
        }
        current.start();
        long timeoutMs = config.getInt(RelaySetting.STARTUP_TIMEOUT_MS);
        if (!current.awaitStarted(timeoutMs)) {
            current.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            throw new RelayUnavailableException("capture did not start streaming within " + timeoutMs + " ms ("
                    + RelaySetting.STARTUP_TIMEOUT_MS.key() + ")", null);
        }
        if (!current.done.isDone()) {
            captureProblem = null;
            LOG.info("Outbox relay '{}' is streaming from {} to {}", config.relayName(), config.jdbcUrl().url(),
                    config.get(RelaySetting.BROKER_URL));
            firstStreaming.complete(null);
        }
        try {
            current.done.get();
            if (current.stopReason != null && !closing) {
                throw new RelayUnavailableException(current.stopReason, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RelayException relay ? relay
                    : new RelayException("capture stopped: " + e.getCause().getMessage(), e.getCause());
        } finally {
            if (captureProblem == null) {
                captureProblem = "capture stopped";
            }
        }
    }

    private void preflight() {
        JdbcUrl url = config.jdbcUrl();
        String role = config.get(RelaySetting.DB_USER);
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", config.get(RelaySetting.DB_PASSWORD));
        properties.setProperty("ApplicationName", "outbox-relay-preflight");
        properties.setProperty("connectTimeout", "10");
        try (Connection connection = DriverManager.getConnection(url.url(), properties)) {
            CapturePreflight.check(connection, new OffsetTable(config.get(RelaySetting.OFFSET_TABLE)), config.relayName());
            if (CaptureProperties.managesPublication(config)) {
                OutboxPublication.ensure(connection, config.relayName(), config.get(RelaySetting.OUTBOX_TABLE));
            }
        } catch (SQLException e) {
            throw CapturePreflight.describe(e, url.url(), role);
        }
    }

    /** @return whether the database answers, the broker is connected and capture streams, and if not why */
    public Readiness readiness() {
        Map<String, String> parts = new LinkedHashMap<>();
        SlotMonitor.Status slot = slotMonitor.status();
        parts.put("database", slot.problem());
        parts.put("broker", publisher.problem());
        parts.put("streaming", closing ? "stopping" : captureProblem);
        return new Readiness(parts);
    }

    /**
     * Waits until capture streams.
     *
     * @throws RelayException when start-up failed for good, or the timeout passed
     */
    public void awaitStreaming(long timeoutMs) {
        try {
            firstStreaming.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RelayException("The relay did not start streaming within " + timeoutMs + " ms ("
                    + RelaySetting.STARTUP_TIMEOUT_MS.key() + "): " + captureProblem);
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

    /** @return whether the relay runs (streaming, or retrying to); false once stopped or failed for good */
    public boolean isRunning() {
        return !terminated.isDone();
    }

    /** @return the port of the HTTP endpoint, or -1 when there is none */
    public int httpPort() {
        return opsServer == null ? -1 : opsServer.port();
    }

    /**
     * Blocks until the relay stops.
     *
     * @throws RelayException if it stopped because of a failure no retry can fix
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
    public void close() {
        Capture current;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            current = capture;
        }
        synchronized (pause) {
            pause.notifyAll();
        }
        // A batch the broker accepts still completes; one that keeps failing is left for the next start.
        publisher.stopRetrying();
        long timeoutMs = config.getInt(RelaySetting.SHUTDOWN_TIMEOUT_MS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        if (current != null && !current.done.isDone()) {
            LOG.info("Stopping outbox relay '{}'", config.relayName());
            current.stop(deadline);
        }
        if (supervisor.isAlive()) {
            try {
                supervisor.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (supervisor.isAlive()) {
                LOG.warn("The engine did not stop within {} ms; the unconfirmed batch will be resent on the next start", timeoutMs);
            }
        }
        terminated.complete(null);
        scheduler.shutdownNow();
        publisher.close();
        slotMonitor.close();
        if (opsServer != null) {
            opsServer.close();
        }
        LOG.info("Outbox relay '{}' stopped after relaying {} entries in {} batches ({} undecodable)", config.relayName(),
                counters.entries(), counters.batches(), counters.undecodable());
    }

    /** One Debezium engine, from build to stop. */
    private final class Capture {

        private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
        private final CountDownLatch taskStarted = new CountDownLatch(1);
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Thread thread;
        private volatile String stopReason;

        Capture(Properties properties) {
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(properties)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            taskStarted.countDown();
                        }
                    })
                    .using((success, message, error) -> {
                        if (success || closing) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(new RelayUnavailableException("capture stopped: " + message
                                    + (error == null || message.contains(String.valueOf(error.getMessage())) ? "" : " (" + error.getMessage() + ")"),
                                    error));
                        }
                    })
                    .notifying(new BatchRelay(new OutboxRecordDecoder(config.get(RelaySetting.OUTBOX_TABLE), config.get(RelaySetting.WAL_PREFIX)),
                            publisher, counters, !config.get(RelaySetting.INVALID_ADDRESS).isEmpty()))
                    .build();
            thread = new Thread(this::run, "outbox-relay-engine");
        }

        void start() {
            thread.start();
        }

        private void run() {
            try {
                engine.run();
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            } finally {
                // The completion callback normally completed it already; this covers an engine that did not call it.
                done.complete(null);
            }
        }

        /** @return whether the task started (or the engine already stopped) within the timeout */
        boolean awaitStarted(long timeoutMs) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            try {
                while (!taskStarted.await(50, TimeUnit.MILLISECONDS)) {
                    if (done.isDone()) {
                        return true;
                    }
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }

        void stop(long deadline) {
            // The engine refuses to stop while its task starts (it would leak connections): wait for the task.
            while (!done.isDone()) {
                try {
                    if (taskStarted.getCount() == 0) {
                        engine.close();
                        break;
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
            try {
                done.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("The engine did not stop in time; the unconfirmed batch will be resent on the next start");
            } catch (ExecutionException e) {
                LOG.debug("The engine stopped with a failure", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
