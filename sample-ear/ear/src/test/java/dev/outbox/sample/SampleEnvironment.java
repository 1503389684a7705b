package dev.outbox.sample;

import dev.outbox.relay.testing.ArtemisBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts what the sample runs against, once per test run and before the server boots: PostgreSQL,
 * the Artemis broker process and the relay process. Register it before {@code ArquillianExtension}:
 *
 * <pre>{@code
 * @ExtendWith(SampleEnvironment.class)
 * @ExtendWith(ArquillianExtension.class)
 * class SomeIT { ... }
 * }</pre>
 *
 * <p>Everything is stopped when the run ends, passed or failed: the relay and PostgreSQL by the
 * root store closing (or, should the JVM be stopped before, by a shutdown hook), the broker by its
 * own shutdown hook.
 */
public final class SampleEnvironment implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SampleEnvironment.class);

    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
    }

    /** @return the running database, for assertions on what the backends stored */
    static SampleDatabase database() {
        if (running == null) {
            throw new IllegalStateException("the sample's environment is not running: register SampleEnvironment on the test class");
        }
        return running.database;
    }

    /** Kills the relay process with SIGKILL, as a crash would; {@link #restartRelay()} brings it back. */
    static void killRelay() throws InterruptedException {
        running().relay.kill();
    }

    /** Starts the relay again with the same settings, on a log of its own; returns once it streams. */
    static void restartRelay() throws IOException, InterruptedException {
        Running environment = running();
        environment.relay = RelayProcess.start(environment.relayJar, Path.of(System.getProperty("java.io.tmpdir"),
                "relay-" + environment.relayStarts.incrementAndGet() + ".log"), environment.relayEnvironment);
    }

    private static Running running() {
        if (running == null) {
            throw new IllegalStateException("the sample's environment is not running: register SampleEnvironment on the test class");
        }
        return running;
    }

    static final class Running implements AutoCloseable {
        final SampleDatabase database;
        final Path relayJar;
        final Map<String, String> relayEnvironment;
        final AtomicInteger relayStarts = new AtomicInteger(1);
        volatile RelayProcess relay;
        private boolean closed;

        private Running(SampleDatabase database, Path relayJar, Map<String, String> relayEnvironment, RelayProcess relay) {
            this.database = database;
            this.relayJar = relayJar;
            this.relayEnvironment = relayEnvironment;
            this.relay = relay;
        }

        /** Starts everything, stopped at the latest when the JVM exits. */
        static Running start() {
            return start(true);
        }

        /**
         * @param stopAtExit whether to stop at the JVM's exit (the broker too); {@code false} for a
         *                   caller that orders the stop itself
         */
        static Running start(boolean stopAtExit) {
            SampleDatabase database = SampleDatabase.start(Integer.getInteger("sample.test.db.port"));
            try {
                ArtemisBroker broker = ArtemisBroker.get(stopAtExit);
                Path jar = Path.of(System.getProperty("sample.test.relay.jar"));
                Map<String, String> environment = Map.of(
                        "OUTBOX_DB_URL", database.jdbcUrl(),
                        "OUTBOX_DB_USER", SampleDatabase.USER,
                        "OUTBOX_DB_PASSWORD", SampleDatabase.PASSWORD,
                        "OUTBOX_BROKER_URL", broker.url(),
                        "OUTBOX_BROKER_USER", ArtemisBroker.USER,
                        "OUTBOX_BROKER_PASSWORD", ArtemisBroker.PASSWORD,
                        "OUTBOX_RELAY_NAME", "sample_relay",
                        "OUTBOX_HTTP_PORT", "0");
                RelayProcess relay = RelayProcess.start(jar, Path.of(System.getProperty("java.io.tmpdir"), "relay.log"), environment);
                Running running = new Running(database, jar, environment, relay);
                if (stopAtExit) {
                    Runtime.getRuntime().addShutdownHook(new Thread(running::closeAtExit, "sample-environment-stop"));
                }
                return running;
            } catch (Exception e) {
                database.close();
                throw new IllegalStateException("could not start the sample's environment", e);
            }
        }

        /** Stops the relay, then PostgreSQL; once, whoever asks first (the root store, a shutdown hook, the demo). */
        @Override
        public synchronized void close() throws InterruptedException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                relay.close();
            } finally {
                database.close();
            }
        }

        private void closeAtExit() {
            try {
                close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
