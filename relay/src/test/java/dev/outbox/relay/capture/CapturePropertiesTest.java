package dev.outbox.relay.capture;

import dev.outbox.relay.RelayConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class CapturePropertiesTest {

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("OUTBOX_DB_URL", "jdbc:postgresql://db/shop");
        settings.put("OUTBOX_DB_USER", "relay");
        settings.put("OUTBOX_RELAY_NAME", "shop_relay");
        return settings;
    }

    @Test
    void capturesWithTheConnectorWhoseTaskWaitsForChanges() {
        Properties properties = CaptureProperties.of(RelayConfig.of(settings()));
        assertThat(properties.getProperty("connector.class")).isEqualTo(OutboxPostgresConnector.class.getName());
    }

    @Test
    void heartbeatWritesAWalMessageUnderAPrefixTheRelayDoesNotForward() {
        Properties properties = CaptureProperties.of(RelayConfig.of(settings()));
        assertThat(properties.getProperty("heartbeat.interval.ms")).isEqualTo("10000");
        assertThat(properties.getProperty("heartbeat.action.query"))
                .isEqualTo("SELECT pg_logical_emit_message(false, 'outbox-relay/shop_relay/heartbeat', '')");
        assertThat(properties.getProperty("message.prefix.include.list")).isEqualTo("outbox");
        assertThat(properties.getProperty("errors.max.retries")).isEqualTo("0");
    }

    @Test
    void heartbeatIntervalZeroTurnsHeartbeatsOff() {
        Map<String, String> settings = settings();
        settings.put("OUTBOX_RELAY_HEARTBEAT_INTERVAL_MS", "0");
        Properties properties = CaptureProperties.of(RelayConfig.of(settings));
        assertThat(properties).doesNotContainKeys("heartbeat.interval.ms", "heartbeat.action.query");
    }

    @Test
    void columnConverterIsRegisteredForTheConfiguredTable() throws Exception {
        Map<String, String> settings = settings();
        settings.put("OUTBOX_TABLE", "billing.outbox");
        Properties properties = CaptureProperties.of(RelayConfig.of(settings));

        // As Debezium builds it: the class named under <name>.type, configured with the <name>. properties.
        String name = properties.getProperty("converters");
        Properties converterProperties = new Properties();
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith(name + ".") && !key.equals(name + ".type"))
                .forEach(key -> converterProperties.setProperty(key.substring(name.length() + 1), properties.getProperty(key)));
        Object converter = Class.forName(properties.getProperty(name + ".type")).getDeclaredConstructor().newInstance();

        assertThat(converter).isInstanceOf(OutboxColumnConverter.class);
        ((OutboxColumnConverter) converter).configure(converterProperties);
        assertThat(converterProperties.getProperty(OutboxColumnConverter.TABLE)).isEqualTo("billing.outbox");
    }

    @Test
    void convertersGivenByTheOperatorReplaceTheRelays() {
        Map<String, String> settings = settings();
        settings.put("OUTBOX_DEBEZIUM_CONVERTERS", "mine");
        Properties properties = CaptureProperties.of(RelayConfig.of(settings));
        assertThat(properties.getProperty("converters")).isEqualTo("mine");
    }
}
