package dev.outbox.relay;

import dev.outbox.relay.ops.PrometheusText;
import dev.outbox.relay.ops.Readiness;
import dev.outbox.relay.ops.SlotMonitor;
import dev.outbox.relay.publish.ArtemisPublisher;

/** The relay's metrics in Prometheus text; the names are listed in the README. */
final class RelayMetrics {

    private RelayMetrics() {
    }

    static String render(RelayCounters counters, ArtemisPublisher publisher, SlotMonitor.Status slot, Readiness readiness) {
        PrometheusText text = new PrometheusText()
                .counter("outbox_relay_entries_total", "Outbox entries sent to the broker and confirmed by it.", counters.entries())
                .counter("outbox_relay_batches_total", "Batches confirmed by the broker, each one broker transaction.", counters.batches())
                .counter("outbox_relay_invalid_entries_total", "Captured records that were not valid outbox entries.", counters.undecodable())
                .counter("outbox_relay_misrouted_entries_total",
                        "Entries whose address exists with the other routing type, set aside to the invalid-entry address.",
                        publisher.misroutedEntries())
                .counter("outbox_relay_publish_retries_total", "Attempts to send a batch that the broker did not confirm; each was retried.",
                        publisher.failedAttempts())
                .counter("outbox_relay_capture_restarts_total",
                        "Times capture was started again from the stored position after the database or broker was unreachable or capture failed.",
                        counters.captureRestarts());
        if (counters.lastLagMillis() >= 0) {
            text.gauge("outbox_relay_lag_milliseconds",
                            "For the newest entry relayed: time from its commit in the database to the broker's confirmation.",
                            counters.lastLagMillis())
                    .gauge("outbox_relay_last_entry_commit_timestamp_seconds",
                            "Commit time of the newest entry relayed, in seconds since the epoch.", counters.lastCommitMillis() / 1000.0);
        }
        counters.delays().render(text, "outbox_relay_delay_seconds",
                "Per entry relayed: time from its commit in the database to the broker's confirmation of its batch.");
        if (slot.lagBytes() >= 0) {
            text.gauge("outbox_relay_lag_bytes",
                    "WAL bytes between the server's current position and the position the relay confirmed to its replication slot.",
                    slot.lagBytes());
        }
        if (slot.retainedWalBytes() >= 0) {
            text.gauge("outbox_relay_slot_retained_wal_bytes", "WAL bytes the relay's replication slot keeps the server from recycling.",
                    slot.retainedWalBytes());
        }
        text.family("outbox_relay_up", "gauge", "1 when the part (database, broker, streaming) is ready, else 0.");
        readiness.parts().forEach((part, problem) -> text.sample("outbox_relay_up", "part", part, problem == null ? 1 : 0));
        text.gauge("outbox_relay_ready", "1 when the relay is ready: database and broker reachable and capture streaming.",
                readiness.ready() ? 1 : 0);
        return text.toString();
    }
}
