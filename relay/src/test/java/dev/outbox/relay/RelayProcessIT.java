package dev.outbox.relay;

import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The runnable jar, as an operator starts it: configured by environment variables, stopped by SIGTERM. */
class RelayProcessIT {

    private static RelayFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new RelayFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void jarRelaysEntriesAndStopsCleanlyOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("outbox.test.relay.jar"));
        assertThat(jar).exists();
        // Output goes to a file: a pipe is closed by Process.destroy() and would lose what the stopping process logs.
        Path output = jar.resolveSibling("relay-process-it.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(fixture.relaySettings("relay_process"));
        Process relay = builder.start();
        try {
            awaitLine(output, relay, "is streaming");
            String queue = "process-" + UUID.randomUUID();
            Outbox outbox = fixture.outbox(CaptureMode.TABLE, true);
            UUID id = fixture.jta().inTransaction(() -> outbox.send(Message.command("ping").to(queue).key("p", 1).jsonPayload("{}").build()));

            try (Session session = fixture.session(); MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                jakarta.jms.Message message = consumer.receive(10_000);
                assertThat(message).as("relayed by the jar; its log:\n%s", Files.readString(output)).isNotNull();
                assertThat(message.getStringProperty(MessageProperties.ID)).isEqualTo(id.toString());
                fixture.verifier().verify(RelayFixture.envelope(message));
            }

            relay.toHandle().destroy();
            assertThat(relay.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s after SIGTERM").isTrue();
            List<String> log = Files.readAllLines(output);
            // A JVM that ends on SIGTERM, shutdown hooks run, reports 128 + 15.
            assertThat(relay.exitValue()).as("exit code; log:\n%s", String.join("\n", log)).isIn(0, 143);
            assertThat(log).anySatisfy(line -> assertThat(line).contains("Outbox relay 'relay_process' stopped after relaying 1 entries"));
            assertThat(log).noneSatisfy(line -> assertThat(line).contains("[ERROR]"));
            try (var connection = fixture.database().appConnection(); var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT count(*) FROM outbox_relay_offset WHERE relay_name = 'relay_process'")) {
                rows.next();
                assertThat(rows.getInt(1)).as("offsets stored").isPositive();
            }
        } finally {
            relay.destroyForcibly();
        }
    }

    private static void awaitLine(Path output, Process process, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(output) && Files.readString(output).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the relay did not log '" + text + "'; its log:\n" + Files.readString(output));
    }
}
