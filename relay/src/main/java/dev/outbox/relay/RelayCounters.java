package dev.outbox.relay;

import java.util.concurrent.atomic.AtomicLong;

/** What the relay has done since it started; read by operations endpoints and tests. */
public final class RelayCounters {

    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong captureRestarts = new AtomicLong();
    private volatile long lastCommitMillis = -1;
    private volatile long lastLagMillis = -1;

    void batchRelayed(int entryCount, int undecodableCount) {
        batches.incrementAndGet();
        entries.addAndGet(entryCount);
        undecodable.addAndGet(undecodableCount);
    }

    /** Notes the commit time of the newest entry of a batch the broker just confirmed. */
    void entryConfirmed(long commitMillis, long confirmedMillis) {
        lastCommitMillis = commitMillis;
        lastLagMillis = Math.max(0, confirmedMillis - commitMillis);
    }

    void captureRestarted() {
        captureRestarts.incrementAndGet();
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

    /** @return how often capture was started again after it failed */
    public long captureRestarts() {
        return captureRestarts.get();
    }

    /** @return commit time (epoch ms) of the newest entry relayed, -1 before the first */
    public long lastCommitMillis() {
        return lastCommitMillis;
    }

    /** @return for the newest entry relayed, ms from its commit to the broker's confirmation; -1 before the first */
    public long lastLagMillis() {
        return lastLagMillis;
    }
}
