package dev.outbox.relay.ops;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {

    @Test
    void readyOnlyWhenEveryPartIs() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("database", null);
        parts.put("broker", null);
        assertThat(new Readiness(parts).ready()).isTrue();
        assertThat(new Readiness(parts).toJson()).isEqualTo("{\"status\":\"UP\",\"database\":\"UP\",\"broker\":\"UP\"}");

        parts.put("broker", "connection lost: \"AMQ219015\"\nserver shutdown");
        Readiness down = new Readiness(parts);
        assertThat(down.ready()).isFalse();
        assertThat(down.toJson()).isEqualTo(
                "{\"status\":\"DOWN\",\"database\":\"UP\",\"broker\":\"connection lost: \\\"AMQ219015\\\"\\nserver shutdown\"}");
    }

    @Test
    void metricsAreWrittenInThePrometheusTextFormat() {
        String text = new PrometheusText()
                .counter("outbox_relay_entries_total", "Entries.", 3)
                .gauge("outbox_relay_last_entry_commit_timestamp_seconds", "Commit time.", 1796321789.833)
                .family("outbox_relay_up", "gauge", "Up.")
                .sample("outbox_relay_up", "part", "broker", 1)
                .toString();
        assertThat(text).isEqualTo("""
                # HELP outbox_relay_entries_total Entries.
                # TYPE outbox_relay_entries_total counter
                outbox_relay_entries_total 3
                # HELP outbox_relay_last_entry_commit_timestamp_seconds Commit time.
                # TYPE outbox_relay_last_entry_commit_timestamp_seconds gauge
                outbox_relay_last_entry_commit_timestamp_seconds 1796321789.833
                # HELP outbox_relay_up Up.
                # TYPE outbox_relay_up gauge
                outbox_relay_up{part="broker"} 1
                """);
    }
}
