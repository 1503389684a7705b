package dev.outbox.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The relay process: {@code java -jar outbox-relay.jar [--config FILE] [--help]}. Exits 0 after a
 * stop by SIGTERM (or Ctrl-C), 1 when capture fails, 2 on a usage or configuration error.
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
        Relay relay;
        try {
            relay = Relay.start(config);
        } catch (RelayException e) {
            // The message says what to fix; the stack trace is for whoever debugs the relay itself.
            LOG.error("The relay could not start: {}", e.getMessage());
            LOG.debug("Start-up failure", e);
            return 1;
        }
        Thread hook = new Thread(relay::close, "outbox-relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            relay.awaitTermination();
            return 0;
        } catch (RelayException e) {
            LOG.error("The relay stopped: {}", e.getMessage(), e.getCause());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            relay.close();
        }
    }
}
