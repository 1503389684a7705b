package dev.outbox.relay;

import dev.outbox.CaptureMode;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP endpoint of a streaming relay, and heartbeats that move its slot while the outbox is idle. */
class RelayOpsIT {

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
    void streamingRelayIsLiveAndReadyAndCountsWhatItRelayed() throws Exception {
        try (Relay relay = fixture.startRelay("relay_ops_http")) {
            int port = relay.httpPort();
            assertThat(port).isPositive();
            Outbox outbox = fixture.outbox(CaptureMode.TABLE, true);
            String queue = "ops-" + UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                fixture.jta().inTransaction(() -> outbox.send(Message.command("ping").to(queue).key("p", 1).jsonPayload("{}").build()));
            }
            awaitRelayed(relay, 3);

            assertThat(RelayFixture.httpGet(port, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = awaitReady(port);
            assertThat(ready.body()).contains("\"status\":\"UP\"", "\"database\":\"UP\"", "\"broker\":\"UP\"", "\"streaming\":\"UP\"");

            HttpResponse<String> metrics = RelayFixture.httpGet(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("# TYPE outbox_relay_entries_total counter\noutbox_relay_entries_total 3\n")
                    .contains("outbox_relay_batches_total ", "outbox_relay_invalid_entries_total 0", "outbox_relay_publish_retries_total 0",
                            "outbox_relay_capture_restarts_total 0", "outbox_relay_lag_milliseconds ", "outbox_relay_lag_bytes ",
                            "outbox_relay_slot_retained_wal_bytes ", "outbox_relay_up{part=\"broker\"} 1", "outbox_relay_ready 1")
                    .contains("# TYPE outbox_relay_delay_seconds histogram\n", "outbox_relay_delay_seconds_bucket{le=\"+Inf\"} 3\n",
                            "outbox_relay_delay_seconds_count 3\n");
            assertThat(RelayFixture.httpGet(port, "/nothing").statusCode()).isEqualTo(404);
        }
    }

    /**
     * With an idle outbox and a busy database, the slot's confirmed position must follow the server's:
     * otherwise the server keeps all that WAL for the relay. The heartbeat makes it follow.
     */
    @Test
    void idleOutboxSlotKeepsUpWithUnrelatedWrites() throws Exception {
        Map<String, String> settings = fixture.relaySettings("relay_ops_heartbeat");
        settings.put("OUTBOX_RELAY_HEARTBEAT_INTERVAL_MS", "500");
        fixture.sql("CREATE TABLE IF NOT EXISTS unrelated_traffic (id bigserial PRIMARY KEY, filler text)");
        try (Relay relay = Relay.start(RelayConfig.of(settings))) {
            long before = currentLsn();
            // About 16 MB of WAL from writes the relay does not capture.
            for (int i = 0; i < 8; i++) {
                fixture.sql("INSERT INTO unrelated_traffic (filler) SELECT repeat('x', 200) FROM generate_series(1, 10000)");
            }
            long written = currentLsn() - before;
            assertThat(written).as("WAL written by unrelated traffic").isGreaterThan(8L << 20);

            long lag = Long.MAX_VALUE;
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                lag = slotBytes("relay_ops_heartbeat", "confirmed_flush_lsn");
                if (lag < 1L << 20) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(lag).as("bytes between the server's WAL position and the slot's confirmed position").isLessThan(1L << 20);

            // The retained WAL follows once the server logs its running transactions (at a checkpoint,
            // or every 15 s in the background) and the next heartbeat confirms a position past that.
            fixture.adminSql("CHECKPOINT");
            long retained = Long.MAX_VALUE;
            deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                retained = slotBytes("relay_ops_heartbeat", "restart_lsn");
                if (retained < 1L << 20) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(retained).as("WAL bytes the slot retains").isLessThan(1L << 20);
            assertThat(relay.counters().entries()).isZero();
        } finally {
            fixture.sql("DROP TABLE IF EXISTS unrelated_traffic");
        }
    }

    private static long currentLsn() throws Exception {
        try (Connection connection = fixture.database().adminConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** @return bytes between the server's current WAL position and the slot's position in the given column */
    private static long slotBytes(String slot, String column) throws Exception {
        try (Connection connection = fixture.database().adminConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), " + column + ")"
                     + " FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static HttpResponse<String> awaitReady(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        HttpResponse<String> response = RelayFixture.httpGet(port, "/health/ready");
        while (response.statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            response = RelayFixture.httpGet(port, "/health/ready");
        }
        assertThat(response.statusCode()).as("readiness: %s", response.body()).isEqualTo(200);
        return response;
    }

    static void awaitRelayed(Relay relay, long entries) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (relay.counters().entries() < entries && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(relay.counters().entries()).as("entries relayed").isGreaterThanOrEqualTo(entries);
    }
}
