package dev.outbox;

import dev.outbox.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxSettingsTest {

    private static OutboxSettings read(Map<String, String> values) {
        return OutboxSettings.from("outbox", values::get);
    }

    @Test
    void defaultsApplyWhenOnlyRequiredKeysAreSet() {
        OutboxSettings settings = read(Map.of("outbox.service-name", "game", "outbox.signing.key-id", "game-1",
                "outbox.signing.key", TestKeys.hmacKey()));

        assertThat(settings.captureMode()).isEqualTo(CaptureMode.TABLE);
        assertThat(settings.deleteAfterInsert()).isFalse();
        assertThat(settings.walPrefix()).isEqualTo("outbox");
        assertThat(settings.maxPayloadBytes()).isEqualTo(1_048_576);
        assertThat(settings.dataSourceName()).isEqualTo("java:comp/DefaultDataSource");
        assertThat(settings.signingKey().keyId()).isEqualTo("game-1");
    }

    @Test
    void everyProblemIsReportedAtOnceByKey() {
        assertThatThrownBy(() -> read(Map.of("outbox.capture-mode", "kafka", "outbox.payload.max-bytes", "lots")))
                .isInstanceOfSatisfying(OutboxConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "outbox.capture-mode: unknown capture mode 'kafka', expected one of [table, wal]",
                        "outbox.payload.max-bytes: expected a number of bytes, was 'lots'",
                        "outbox.service-name is required: the name of this service, e.g. 'game' (environment OUTBOX_SERVICE_NAME)",
                        "outbox.signing.key-id is required: the id receivers know this service's key by (environment OUTBOX_SIGNING_KEY_ID)"));
    }

    @Test
    void missingSigningKeyIsNamed() {
        assertThatThrownBy(() -> read(Map.of("outbox.service-name", "game", "outbox.signing.key-id", "game-1")))
                .isInstanceOf(OutboxConfigurationException.class)
                .hasMessageContaining("outbox.signing.key is required")
                .hasMessageContaining("OUTBOX_SIGNING_KEY");
    }

    @Test
    void malformedSigningKeyIsNamedWithoutPrintingIt() {
        assertThatThrownBy(() -> read(Map.of("outbox.service-name", "game", "outbox.signing.key-id", "game-1",
                "outbox.signing.key", "hmac-sha256:!!secret!!")))
                .isInstanceOf(OutboxConfigurationException.class)
                .hasMessageContaining("outbox.signing.key: signing key 'game-1' is not valid Base64")
                .hasMessageNotContaining("secret");
    }

    @Test
    void otherPrefixesConfigureOtherServices() {
        OutboxSettings settings = OutboxSettings.from("shop.outbox", Map.of("shop.outbox.service-name", "shop",
                "shop.outbox.signing.key-id", "shop-1", "shop.outbox.signing.key", TestKeys.hmacKey(),
                "shop.outbox.capture-mode", "WAL")::get);

        assertThat(settings.serviceName()).isEqualTo("shop");
        assertThat(settings.captureMode()).isEqualTo(CaptureMode.WAL);
    }

    @Test
    void settingsNeverPrintTheKey() {
        String key = TestKeys.hmacKey();
        OutboxSettings settings = read(Map.of("outbox.service-name", "game", "outbox.signing.key-id", "game-1",
                "outbox.signing.key", key));

        assertThat(settings.toString()).doesNotContain(key.substring("hmac-sha256:".length()));
    }
}
