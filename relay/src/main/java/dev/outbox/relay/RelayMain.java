package dev.outbox.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The relay process: {@code java -jar outbox-relay.jar [--config FILE] [--help]}. Exits 0 after a
 * stop by SIGTERM (or Ctrl-C); 1 on a failure that no retry can fix (the database or broker refused
 * the credentials, {@code wal_level} is not logical, the replication slot was lost, a grant is
 * missing, the HTTP port is taken); 2 on a usage or configuration error. A database or broker that
 * cannot be reached, at start or later, is retried with a growing pause and does not end the process.
 */
public final class RelayMain {

    private static final Logger LOG = LoggerFactory.getLogger(RelayMain.class);

    private RelayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(RelayConfig.help());
                    return 0;
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        System.err.println("--config needs a file name; see --help");
                        return 2;
                    }
                    configFile = Path.of(args[++i]);
                    if (!Files.isReadable(configFile)) {
                        System.err.println("--config " + configFile + ": no such readable file");
                        return 2;
                    }
                }
                default -> {
                    System.err.println("Unknown argument '" + args[i] + "'; see --help");
                    return 2;
                }
            }
        }
        RelayConfig config;
        try {
            config = RelayConfig.load(configFile, System.getenv(), System.getProperties());
        } catch (InvalidConfigurationException e) {
            LOG.error(e.getMessage());
            return 2;
        }
        // Registered before anything starts, so that SIGTERM during start-up stops the relay cleanly too.
        AtomicReference<Relay> running = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            Relay relay = running.get();
            if (relay != null) {
                relay.close();
            }
        }, "outbox-relay-shutdown"));
        Relay relay;
        try {
            relay = Relay.launch(config);
        } catch (RelayException e) {
            LOG.error("The relay could not start: {}", e.getMessage());
            return 1;
        }
        running.set(relay);
        if (stopping.get()) {
            relay.close();
        }
        try {
            relay.awaitTermination();
            return 0;
        } catch (RelayException e) {
            // The message says what to fix; the stack trace is for whoever debugs the relay itself.
            LOG.error("The relay stopped: {}", e.getMessage());
            LOG.debug("Cause", e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            relay.close();
        }
    }
}
