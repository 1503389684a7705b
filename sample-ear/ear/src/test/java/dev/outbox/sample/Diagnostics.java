package dev.outbox.sample;

import dev.outbox.relay.testing.ArtemisBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/** What a failed end-to-end test shows: where the message got stuck. */
final class Diagnostics {

    private Diagnostics() {
    }

    static String describe() {
        StringBuilder text = new StringBuilder("\n--- consumer tables ---\n");
        try (Connection connection = SampleEnvironment.database().connection(); Statement statement = connection.createStatement()) {
            for (String sql : new String[] {
                    "SELECT consumer, message_id, handled_at FROM outbox_inbox",
                    "SELECT consumer, message_id, attempts, last_error FROM outbox_consumer_failure",
                    "SELECT consumer, message_key, reason FROM outbox_parked_key",
                    "SELECT id, destination, message_type, actor_user FROM outbox_message"}) {
                text.append(sql).append('\n');
                try (ResultSet rows = statement.executeQuery(sql)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            text.append(i > 1 ? " | " : "  ").append(rows.getString(i));
                        }
                        text.append('\n');
                    }
                }
            }
        } catch (Exception e) {
            text.append("(database not readable: ").append(e).append(")\n");
        }
        text.append("--- broker queues ---\n").append(brokerQueues());
        return text.toString();
    }

    private static String brokerQueues() {
        try {
            Path artemis = Path.of(System.getProperty("outbox.test.artemis.instance"), "bin", "artemis");
            ProcessBuilder builder = new ProcessBuilder(artemis.toString(), "queue", "stat", "--user", ArtemisBroker.USER, "--password", ArtemisBroker.PASSWORD,
                    "--url", "tcp://127.0.0.1:" + System.getProperty("outbox.test.artemis.port")).redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (Exception e) {
            return "(broker not queryable: " + e + ")";
        }
    }
}
