package dev.outbox.relay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real Artemis broker per test JVM, in its own process, from the distribution Maven unpacked
 * into {@code target/}. A fresh instance is created on every run; a shutdown hook stops the broker
 * even when tests fail. Its port comes from the build ({@code outbox.test.artemis.port}), away
 * from a developer's own broker on 61616. Tests may {@link #stop()} and {@link #start()} it again,
 * on the same data; each test must leave it running. A build may choose a few settings more
 * ({@link ArtemisBrokerOptions}); none are chosen by default.
 */
public final class ArtemisBroker {

    public static final String USER = "relay";
    public static final String PASSWORD = "relay";
    /** A user whose only rights are those the relay needs: send, and create addresses and queues on first use. */
    public static final String SENDER_USER = "relay-sender";
    public static final String SENDER_PASSWORD = "relay-sender";

    private static ArtemisBroker instance;

    private final int port;
    private final Path instanceDir;
    private Process process;

    private ArtemisBroker(int port, Path instanceDir, Process process) {
        this.port = port;
        this.instanceDir = instanceDir;
        this.process = process;
    }

    /** @return the running broker, created and started on first call, stopped when the JVM exits */
    public static synchronized ArtemisBroker get() {
        return get(true);
    }

    /**
     * @param stopAtExit whether the first call also stops the broker when the JVM exits; {@code false}
     *                   for a caller that stops it itself, after the servers that use it
     * @return the running broker, created and started on first call
     */
    public static synchronized ArtemisBroker get(boolean stopAtExit) {
        if (instance == null) {
            instance = create();
            if (stopAtExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-artemis-stop"));
            }
        }
        return instance;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private static ArtemisBroker create() {
        Path home = Path.of(property("outbox.test.artemis.home"));
        Path instanceDir = Path.of(property("outbox.test.artemis.instance"));
        int port = Integer.parseInt(property("outbox.test.artemis.port"));
        if (isListening(port)) {
            // Tests would silently talk to someone else's broker, which may go away under them.
            throw new IllegalStateException("port " + port + " is already in use: another build's test broker?"
                    + " Choose another with -Dartemis.test.port=...");
        }
        ArtemisBrokerOptions options = ArtemisBrokerOptions.fromSystemProperties();
        options.describe().ifPresent(chosen -> System.out.println("test broker: " + chosen));
        try {
            deleteRecursively(instanceDir);
            List<String> create = new ArrayList<>(List.of(home.resolve("bin/artemis").toString(), "create", instanceDir.toString(),
                    "--silent", "--force", "--user", USER, "--password", PASSWORD, "--require-login", "--no-web", "--no-autotune", "--nio",
                    "--host", "127.0.0.1", "--default-port", Integer.toString(port), "--java-memory", "512M",
                    "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor"));
            create.addAll(options.createArguments());
            run(create.toArray(String[]::new));
            configure(instanceDir, options);
            return new ArtemisBroker(port, instanceDir, run(instanceDir, port));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Artemis broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process run(Path instanceDir, int port) throws IOException, InterruptedException {
        Path log = instanceDir.resolve("broker-console.log");
        Process process = processBuilder(OwnSession.command(List.of(instanceDir.resolve("bin/artemis").toString(), "run")).toArray(String[]::new))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitPort(port, process, log);
        return process;
    }

    /** Starts the stopped broker again, on the same instance (its durable messages and duplicate-id cache kept). */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (isListening(port)) {
            throw new IllegalStateException("port " + port + " was taken while the test broker was stopped");
        }
        try {
            process = run(instanceDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Artemis broker again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The duplicate-id cache must exceed any resend after a crash; the audit log stays quiet; the
     * {@link #SENDER_USER} has the role {@code outbox-sender}, allowed to send and to create addresses
     * and durable queues, nothing else; then the options the build chose.
     */
    private static void configure(Path instanceDir, ArtemisBrokerOptions options) throws IOException {
        Path brokerXml = instanceDir.resolve("etc/broker.xml");
        String xml = Files.readString(brokerXml, StandardCharsets.UTF_8);
        xml = xml.replaceFirst("<persistence-enabled>", "<id-cache-size>200000</id-cache-size>\n      <persistence-enabled>");
        for (String permission : List.of("send", "createAddress", "createDurableQueue")) {
            xml = xml.replace("<permission type=\"" + permission + "\" roles=\"amq\"/>",
                    "<permission type=\"" + permission + "\" roles=\"amq,outbox-sender\"/>");
        }
        Files.writeString(instanceDir.resolve("etc/artemis-users.properties"),
                "\n" + SENDER_USER + " = " + SENDER_PASSWORD + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(instanceDir.resolve("etc/artemis-roles.properties"),
                "\noutbox-sender = " + SENDER_USER + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(brokerXml, options.applyTo(xml), StandardCharsets.UTF_8);
        Path logging = instanceDir.resolve("etc/log4j2.properties");
        String properties = Files.readString(logging, StandardCharsets.UTF_8)
                .replaceAll("(logger\\.audit_[a-z]+\\.level) = \\w+", "$1 = WARN");
        Files.writeString(logging, properties, StandardCharsets.UTF_8);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = processBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", List.of(command)) + "' failed:\n" + output);
        }
    }

    /** The broker runs on the same Java as the tests. */
    private static ProcessBuilder processBuilder(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitPort(int port, Process process, Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the broker did not listen on port " + port + " within 60 s:\n" + Files.readString(log));
    }

    /** Stops the broker process gracefully (clients see their connections close), waiting up to 20 s. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the integration tests through Maven (failsafe)");
        }
        return value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
