package dev.outbox.relay.capture;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeWaitTest {

    private static final long LOOK_EVERY = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long LONGEST = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void aPendingChangeEndsTheWaitAtOnce() throws InterruptedException {
        AtomicInteger looks = new AtomicInteger();
        ChangeWait wait = new ChangeWait(counted(looks, () -> 3), LOOK_EVERY, LONGEST);

        assertThat(wait.awaitChange()).isTrue();
        assertThat(looks).hasValue(1);
    }

    @Test
    void aChangeArrivingDuringTheWaitEndsIt() throws InterruptedException {
        AtomicInteger looks = new AtomicInteger();
        ChangeWait wait = new ChangeWait(() -> looks.incrementAndGet() < 5 ? 0 : 1, LOOK_EVERY, TimeUnit.SECONDS.toNanos(30));

        assertThat(wait.awaitChange()).isTrue();
        assertThat(looks).hasValue(5);
    }

    @Test
    void withoutChangesTheWaitEndsAfterTheLongestWait() throws InterruptedException {
        AtomicInteger looks = new AtomicInteger();
        ChangeWait wait = new ChangeWait(counted(looks, () -> 0), LOOK_EVERY, LONGEST);

        long start = System.nanoTime();
        assertThat(wait.awaitChange()).isFalse();

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(LONGEST);
        // It parked between looks instead of spinning through them (a spin looks millions of times);
        // the margin allows for the odd early return of a park.
        assertThat(looks.get()).isBetween(2, 2 * (int) (LONGEST / LOOK_EVERY));
    }

    /** @return the pending changes as {@code answer} gives them, counting each look in {@code looks} */
    private static IntSupplier counted(AtomicInteger looks, IntSupplier answer) {
        return () -> {
            looks.incrementAndGet();
            return answer.getAsInt();
        };
    }

    @Test
    void anInterruptEndsTheWaitWithInterruptedException() throws InterruptedException {
        ChangeWait wait = new ChangeWait(() -> 0, LOOK_EVERY, TimeUnit.SECONDS.toNanos(30));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                wait.awaitChange();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        waiter.start();
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }
}
