package dev.outbox.relay;

import dev.outbox.relay.capture.OutboxRecordDecoder;
import dev.outbox.relay.publish.ArtemisPublisher;
import dev.outbox.relay.publish.Outgoing;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink loop: decode each change of a batch, send the batch, and only when the broker has
 * confirmed it mark the records processed, which lets the engine commit their offsets.
 */
final class BatchRelay implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRelay.class);

    private final OutboxRecordDecoder decoder;
    private final ArtemisPublisher publisher;
    private final RelayCounters counters;
    private final boolean reportsUndecodable;

    BatchRelay(OutboxRecordDecoder decoder, ArtemisPublisher publisher, RelayCounters counters, boolean reportsUndecodable) {
        this.decoder = decoder;
        this.publisher = publisher;
        this.counters = counters;
        this.reportsUndecodable = reportsUndecodable;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Outgoing> batch = new ArrayList<>(records.size());
        long[] commitMicros = new long[records.size()];
        int entries = 0;
        int undecodable = 0;
        for (RecordChangeEvent<SourceRecord> event : records) {
            Outgoing outgoing = decoder.decode(event.record());
            if (outgoing != null) {
                commitMicros[batch.size()] = OutboxRecordDecoder.commitTimeMicros(event.record());
            }
            if (outgoing instanceof Outgoing.Undecodable invalid) {
                undecodable++;
                LOG.warn("Captured {} entry {} at {} is not a valid outbox entry and is {}: {}", invalid.source(),
                        invalid.id() == null ? "(no id)" : invalid.id(), invalid.position(),
                        reportsUndecodable ? "sent to the invalid-entry address" : "skipped", invalid.reason());
            } else if (outgoing != null) {
                entries++;
            }
            if (outgoing != null) {
                batch.add(outgoing);
            }
        }
        if (!batch.isEmpty()) {
            publisher.publish(batch);
        }
        // Counted once the broker has them, before the offsets are stored: a stop that interrupts the
        // offset write still reports what consumers can already receive (and a restart resends it).
        counters.batchRelayed(entries, undecodable);
        counters.entriesConfirmed(commitMicros, batch.size(), ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Relayed a batch of {} record(s): {} entries, {} undecodable", records.size(), entries, undecodable);
        }
    }
}
