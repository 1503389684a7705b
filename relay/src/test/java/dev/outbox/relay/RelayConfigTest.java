package dev.outbox.relay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> settings = new HashMap<>();
        settings.put("OUTBOX_DB_URL", "jdbc:postgresql://db.example:5433/shop?sslmode=require");
        settings.put("OUTBOX_DB_USER", "relay");
        settings.put("OUTBOX_DB_PASSWORD", "s3cret");
        settings.put("OUTBOX_BROKER_PASSWORD", "hush");
        return settings;
    }

    @Test
    void minimalSettingsGetLowLatencyDefaults() {
        RelayConfig config = RelayConfig.of(minimal());

        assertThat(config.get(RelaySetting.BROKER_URL)).isEqualTo("tcp://localhost:61616");
        assertThat(config.relayName()).isEqualTo("outbox_relay");
        assertThat(config.getInt(RelaySetting.POLL_INTERVAL_MS)).isEqualTo(1);
        assertThat(config.jdbcUrl().host()).isEqualTo("db.example");
        assertThat(config.jdbcUrl().port()).isEqualTo(5433);
        assertThat(config.jdbcUrl().database()).isEqualTo("shop");
        assertThat(config.jdbcUrl().parameters()).containsEntry("sslmode", "require");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheKey() {
        Map<String, String> settings = new HashMap<>();
        settings.put("OUTBOX_DB_URL", "jdbc:mysql://db/shop");
        settings.put("OUTBOX_RELAY_NAME", "Relay-1");
        settings.put("OUTBOX_HTTP_PORT", "http");
        settings.put("outbox.relay.max-batch-size", "10000");
        settings.put("outbox.relay.max-queue-size", "100");
        settings.put("outbox.relay.pol-interval-ms", "5");

        assertThatThrownBy(() -> RelayConfig.of(settings))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.relay.pol-interval-ms").contains("not a relay setting"))
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.db.user (OUTBOX_DB_USER) is required"))
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.db.url (OUTBOX_DB_URL)").contains("jdbc:postgresql://"))
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.relay.name (OUTBOX_RELAY_NAME)").contains("Relay-1"))
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.http.port (OUTBOX_HTTP_PORT)").contains("whole number"))
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.relay.max-queue-size").contains("must be larger"))
                        .hasSize(6));
    }

    @Test
    void httpPortMinusOneTurnsTheEndpointOffAndHeartbeatsMustNotBeTooFrequent() {
        Map<String, String> settings = new HashMap<>();
        settings.put("OUTBOX_DB_URL", "jdbc:postgresql://db/shop");
        settings.put("OUTBOX_DB_USER", "relay");
        settings.put("OUTBOX_HTTP_PORT", "-1");
        settings.put("OUTBOX_RELAY_HEARTBEAT_INTERVAL_MS", "0");
        assertThat(RelayConfig.of(settings).getInt(RelaySetting.HTTP_PORT)).isEqualTo(-1);

        settings.put("OUTBOX_HTTP_PORT", "-2");
        settings.put("OUTBOX_RELAY_HEARTBEAT_INTERVAL_MS", "10");
        assertThatThrownBy(() -> RelayConfig.of(settings))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.http.port").contains("out of range -1..65535"))
                        .anySatisfy(p -> assertThat(p).startsWith("outbox.relay.heartbeat-interval-ms").contains("at least 100"))
                        .hasSize(2));
    }

    @Test
    void systemPropertiesOverrideEnvironmentWhichOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("relay.properties");
        Files.writeString(file, String.join("\n",
                "outbox.db.url=jdbc:postgresql://file-host/app",
                "OUTBOX_DB_USER=file-user",
                "outbox.relay.name=from_file",
                "outbox.debezium.heartbeat.interval.ms=10000"));
        Map<String, String> environment = Map.of(
                "OUTBOX_DB_USER", "env-user",
                "OUTBOX_RELAY_NAME", "from_env",
                "OUTBOX_DEBEZIUM_SLOT_MAX_RETRIES", "9",
                "PATH", "/usr/bin");
        Properties system = new Properties();
        system.setProperty("outbox.relay.name", "from_system");

        RelayConfig config = RelayConfig.load(file, environment, system);

        assertThat(config.jdbcUrl().host()).isEqualTo("file-host");
        assertThat(config.get(RelaySetting.DB_USER)).isEqualTo("env-user");
        assertThat(config.relayName()).isEqualTo("from_system");
        assertThat(config.debeziumOverrides())
                .containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("slot.max.retries", "9");
    }

    @Test
    void unknownKeyInTheFileIsAProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("relay.properties");
        Files.writeString(file, "outbox.db.url=jdbc:postgresql://h/app\noutbox.db.usr=relay\n");

        assertThatThrownBy(() -> RelayConfig.load(file, Map.of(), new Properties()))
                .hasMessageContaining("outbox.db.usr (in " + file + ") is not a relay setting");
    }

    @Test
    void effectiveConfigurationMasksSecrets() {
        Map<String, String> settings = minimal();
        settings.put("outbox.debezium.database.password", "other");

        String described = RelayConfig.of(settings).describe();

        assertThat(described).contains("outbox.db.user = relay", "outbox.db.password = ****", "outbox.broker.password = ****",
                "outbox.debezium.database.password = ****");
        assertThat(described).doesNotContain("s3cret", "hush", "other");
    }

    @Test
    void helpListsEveryKeyWithItsVariable() {
        String help = RelayConfig.help();

        for (RelaySetting setting : RelaySetting.values()) {
            assertThat(help).contains(setting.key() + "  (" + setting.environmentVariable() + ")", setting.description());
        }
        assertThat(help).contains("OUTBOX_DB_URL", "OUTBOX_BROKER_URL", "OUTBOX_RELAY_NAME", "OUTBOX_HTTP_PORT", "outbox.debezium.*");
    }
}
