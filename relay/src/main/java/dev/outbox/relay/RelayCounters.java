package dev.outbox.relay;

import java.util.concurrent.atomic.AtomicLong;

/** What the relay has done since it started; read by operations endpoints and tests. */
public final class RelayCounters {

    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    void batchRelayed(int entryCount, int undecodableCount) {
        batches.incrementAndGet();
        entries.addAndGet(entryCount);
        undecodable.addAndGet(undecodableCount);
    }

    /** @return entries confirmed by the broker */
    public long entries() {
        return entries.get();
    }

    /** @return batches confirmed by the broker (batches with no entry included) */
    public long batches() {
        return batches.get();
    }

    /** @return captured records that were not valid outbox entries */
    public long undecodable() {
        return undecodable.get();
    }
}
