package dev.outbox.sample;

import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.relay.testing.OwnSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one-command demo: the environment the tests use (PostgreSQL, the Artemis broker, the relay),
 * then WildFly with the sample EAR, until Ctrl+C. Started by {@code ./demo} through the
 * {@code demo} profile of this module, which passes the same system properties as the tests.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path wildfly = Path.of(System.getProperty("sample.demo.wildfly.home"));
        Path ear = Path.of(System.getProperty("sample.ear.file"));
        int offset = Integer.getInteger("sample.demo.port-offset");
        List<String> serverArguments = List.of(System.getProperty("sample.demo.server-arguments", "").trim().split("\\s+"));
        System.out.println("Starting PostgreSQL, the Artemis broker and the relay...");
        // Stopped below, after WildFly, whose backends use the database and the broker to the end.
        SampleEnvironment.Running environment = SampleEnvironment.Running.start(false);
        Path pidFile = Path.of(System.getProperty("sample.demo.pid-file"));
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        Process server = startWildFly(wildfly, ear, offset, serverArguments);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping WildFly, the relay, PostgreSQL and the broker...");
            stop(server);
            try {
                environment.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ArtemisBroker.get().stop();
            }
            System.out.println("Stopped.");
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                System.err.println("could not remove " + pidFile + ": " + e);
            }
            stopped.countDown();
        }, "demo-stop"));
        awaitDeployment(wildfly, ear, server);
        int http = 8080 + offset;
        System.out.printf("""

                The sample is running. Open this page to play the scenarios and watch the messages flow:

                    http://localhost:%1$d/sample/

                  API:       http://localhost:%1$d/sample/api   (HTTP Basic: alice ... heidi, ivan ... nina, olga; password <name>-pass;
                             endpoints and curl examples in sample-ear/README.md)
                  broker:    %2$s     database: %3$s
                  logs:      %4$s (WildFly), %5$s (relay)

                Stop everything with Ctrl+C in this terminal, or from another one: kill %6$d
                %n""", http, ArtemisBroker.get().url(), environment.database.jdbcUrl(),
                wildfly.resolve("standalone/log/server.log"), Path.of(System.getProperty("java.io.tmpdir"), "relay.log"),
                ProcessHandle.current().pid());
        server.waitFor();
        stopped.await(60, TimeUnit.SECONDS);
    }

    /** @param serverArguments the services' keys and settings, as the tests give them to the server */
    private static Process startWildFly(Path wildfly, Path ear, int offset, List<String> serverArguments) throws IOException {
        Path deployments = wildfly.resolve("standalone/deployments");
        Files.copy(ear, deployments.resolve(ear.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(wildfly.resolve("bin/standalone.sh").toString(), "-c", "standalone-full.xml",
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Dsample.db.port=" + System.getProperty("sample.test.db.port"),
                "-Dsample.artemis.port=" + System.getProperty("outbox.test.artemis.port")));
        command.addAll(serverArguments);
        ProcessBuilder builder = new ProcessBuilder(OwnSession.command(command))
                .redirectErrorStream(true)
                .redirectOutput(wildfly.resolve("standalone/log/console.log").toFile());
        // Makes the script run the server in the background and pass SIGTERM on to it.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        Files.createDirectories(wildfly.resolve("standalone/log"));
        System.out.println("Starting WildFly with the sample EAR...");
        return builder.start();
    }

    private static void awaitDeployment(Path wildfly, Path ear, Process server) throws InterruptedException {
        Path deployments = wildfly.resolve("standalone/deployments");
        String name = ear.getFileName().toString();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(deployments.resolve(name + ".deployed"))) {
            if (Files.exists(deployments.resolve(name + ".failed")) || !server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("WildFly did not deploy " + name + "; see " + wildfly.resolve("standalone/log/server.log"));
            }
            Thread.sleep(250);
        }
    }

    private static void stop(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
