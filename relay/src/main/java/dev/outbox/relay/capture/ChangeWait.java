package dev.outbox.relay.capture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Waits, parked, until the capture's queue holds a change, so that Debezium's own poll of the queue
 * runs only when there is something to collect.
 *
 * <p>Why: Debezium 3.6's {@code ChangeEventQueue.poll()} waits for more changes in whole milliseconds
 * of the time left ({@code Duration.toMillis()}), and once less than a millisecond is left it loops
 * without waiting until the clock ticks. Each poll of an empty queue therefore spins for up to a
 * millisecond; with the short poll interval the relay needs for low latency that was a sixth of a
 * core at 5 ms and half a core at 1 ms with nothing to relay (relay benchmark, idle phase).
 */
final class ChangeWait {

    /** How often an idle wait looks at the queue: the most it adds to the first change's latency. */
    static final long LOOK_EVERY_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /**
     * The longest wait before Debezium polls anyway: its poll also reports a failure of the streaming
     * thread, and the engine checks between polls whether it is asked to stop.
     */
    static final long LONGEST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final IntSupplier pendingChanges;
    private final long lookEveryNanos;
    private final long longestWaitNanos;

    ChangeWait(IntSupplier pendingChanges) {
        this(pendingChanges, LOOK_EVERY_NANOS, LONGEST_WAIT_NANOS);
    }

    ChangeWait(IntSupplier pendingChanges, long lookEveryNanos, long longestWaitNanos) {
        this.pendingChanges = pendingChanges;
        this.lookEveryNanos = lookEveryNanos;
        this.longestWaitNanos = longestWaitNanos;
    }

    /**
     * @return whether a change is pending; false once the longest wait passed without one
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    boolean awaitChange() throws InterruptedException {
        long deadline = System.nanoTime() + longestWaitNanos;
        while (pendingChanges.getAsInt() == 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(this, lookEveryNanos);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for changes");
            }
        }
        return true;
    }
}
