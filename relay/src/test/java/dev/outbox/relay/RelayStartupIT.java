package dev.outbox.relay;

import dev.outbox.relay.testing.DedicatedDatabase;
import dev.outbox.relay.testing.RelayFixture;
import dev.outbox.relay.testing.RelayProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up as an operator meets it, through the jar: what no retry can fix ends the process with
 * exit code 1 and a message naming what to change; what is merely not reachable yet is retried,
 * logged, and reported on the readiness endpoint.
 */
class RelayStartupIT {

    private static final Pattern HTTP_PORT = Pattern.compile("/metrics on port (\\d+)");

    private static RelayFixture fixture;
    private static DedicatedDatabase passwordChecked;
    private static Path log;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new RelayFixture();
        passwordChecked = DedicatedDatabase.create("relay-startup", Map.of());
        log = Path.of(System.getProperty("java.io.tmpdir"), "relay-startup-it.log");
        Files.deleteIfExists(log);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (passwordChecked != null) {
            passwordChecked.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void wrongDatabasePasswordExitsWithOneNamingTheSettings() throws Exception {
        Map<String, String> environment = fixture.relaySettings("relay_wrong_password");
        environment.put("OUTBOX_DB_URL", passwordChecked.jdbcUrl());
        environment.put("OUTBOX_DB_PASSWORD", "not-the-password");
        try (RelayProcess relay = RelayProcess.start(environment, log)) {
            assertThat(relay.awaitExit(60_000)).as("exit code; output:\n%s", relay.output()).isEqualTo(1);
            assertThat(relay.output()).contains("[ERROR]", "refused role 'app'", "password authentication failed",
                    "OUTBOX_DB_PASSWORD").doesNotContain("not-the-password");
        }
    }

    @Test
    void walLevelNotLogicalExitsWithOneNamingTheServerSetting() throws Exception {
        try (DedicatedDatabase replicaOnly = DedicatedDatabase.create("relay-wal-replica", Map.of("wal_level", "replica"))) {
            Map<String, String> environment = fixture.relaySettings("relay_wal_level");
            environment.put("OUTBOX_DB_URL", replicaOnly.jdbcUrl());
            try (RelayProcess relay = RelayProcess.start(environment, log)) {
                assertThat(relay.awaitExit(60_000)).as("exit code; output:\n%s", relay.output()).isEqualTo(1);
                assertThat(relay.output()).contains("[ERROR]", "wal_level=replica", "needs wal_level=logical");
            }
        }
    }

    @Test
    void wrongBrokerPasswordExitsWithOneNamingTheSettings() throws Exception {
        Map<String, String> environment = fixture.relaySettings("relay_wrong_broker_password");
        environment.put("OUTBOX_BROKER_PASSWORD", "not-the-password");
        try (RelayProcess relay = RelayProcess.start(environment, log)) {
            assertThat(relay.awaitExit(60_000)).as("exit code; output:\n%s", relay.output()).isEqualTo(1);
            assertThat(relay.output()).contains("[ERROR]", "as user 'relay': the broker refused the login", "OUTBOX_BROKER_PASSWORD");
        }
    }

    @Test
    void unreachableDatabaseIsRetriedAndReportedNotReady() throws Exception {
        Map<String, String> environment = fixture.relaySettings("relay_no_database");
        environment.put("OUTBOX_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/app");
        assertRetriedWhileUnreachable(environment, "Cannot reach the database at", "database");
    }

    @Test
    void unreachableBrokerIsRetriedAndReportedNotReady() throws Exception {
        Map<String, String> environment = fixture.relaySettings("relay_no_broker");
        environment.put("OUTBOX_BROKER_URL", "tcp://127.0.0.1:" + closedPort());
        assertRetriedWhileUnreachable(environment, "Cannot connect to the broker at", "broker");
    }

    private static void assertRetriedWhileUnreachable(Map<String, String> environment, String warning, String part) throws Exception {
        try (RelayProcess relay = RelayProcess.start(environment, log)) {
            relay.awaitOutput("/metrics on port", 60_000);
            Matcher port = HTTP_PORT.matcher(relay.output());
            assertThat(port.find()).isTrue();
            relay.awaitOutput(warning, 30_000);
            relay.awaitOutput("(attempt 2)", 30_000);
            assertThat(relay.output()).contains("[WARN]");
            assertThat(relay.isAlive()).as("still trying").isTrue();

            HttpResponse<String> ready = RelayFixture.httpGet(Integer.parseInt(port.group(1)), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"DOWN\"").doesNotContain("\"" + part + "\":\"UP\"");
            assertThat(RelayFixture.httpGet(Integer.parseInt(port.group(1)), "/health/live").statusCode()).isEqualTo(200);

            relay.terminate();
            assertThat(relay.awaitExit(30_000)).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
