package dev.outbox.relay;

import java.util.concurrent.atomic.AtomicLong;

/** What the relay has done since it started; read by operations endpoints and tests. */
public final class RelayCounters {

    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong captureRestarts = new AtomicLong();
    private final DelayHistogram delays = new DelayHistogram();
    private volatile long lastCommitMillis = -1;
    private volatile long lastLagMillis = -1;

    void batchRelayed(int entryCount, int undecodableCount) {
        batches.incrementAndGet();
        entries.addAndGet(entryCount);
        undecodable.addAndGet(undecodableCount);
    }

    /**
     * Notes how long each record of a batch the broker just confirmed took since its commit, and the
     * newest commit for the lag gauge.
     *
     * @param commitMicros commit times (epoch microseconds) of the batch's first {@code count}
     *                     records; -1 where unknown, which is left out
     */
    void entriesConfirmed(long[] commitMicros, int count, long confirmedMicros) {
        long newestCommit = -1;
        for (int i = 0; i < count; i++) {
            if (commitMicros[i] > 0) {
                delays.observe(confirmedMicros - commitMicros[i]);
                newestCommit = Math.max(newestCommit, commitMicros[i]);
            }
        }
        if (newestCommit > 0) {
            lastCommitMillis = newestCommit / 1_000;
            lastLagMillis = Math.max(0, (confirmedMicros - newestCommit) / 1_000);
        }
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

    /** @return per record sent, the time from its commit to the broker's confirmation */
    DelayHistogram delays() {
        return delays;
    }
}
