package dev.outbox.relay;

import dev.outbox.relay.ops.PrometheusText;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long entries took from their commit in the database to the broker's confirmation, as a
 * Prometheus histogram. The lag gauge shows only the newest entry; percentiles over time need every
 * entry counted.
 *
 * <p>Written by the sink thread, read by the metrics endpoint. The count is the buckets' total, so a
 * scrape always shows {@code _count} equal to the {@code +Inf} bucket; {@code _sum} may run an entry
 * ahead or behind.
 */
final class DelayHistogram {

    /**
     * Upper bounds of the buckets in microseconds: close together around the relay's usual few
     * milliseconds, then wider up to a long outage.
     */
    static final long[] BOUNDS_MICROS = {1_000, 2_000, 3_000, 4_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 50_000, 100_000,
            250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000, 60_000_000};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_MICROS.length + 1);
    private final AtomicLong sumMicros = new AtomicLong();

    /**
     * @param delayMicros time from commit to confirmation; a negative one (the database's clock ahead
     *                    of the relay's) counts as zero
     */
    void observe(long delayMicros) {
        long delay = Math.max(0, delayMicros);
        int bucket = 0;
        while (bucket < BOUNDS_MICROS.length && delay > BOUNDS_MICROS[bucket]) {
            bucket++;
        }
        buckets.incrementAndGet(bucket);
        sumMicros.addAndGet(delay);
    }

    /** Adds the histogram as a family: cumulative buckets in seconds, then its sum and count. */
    void render(PrometheusText text, String name, String help) {
        text.family(name, "histogram", help);
        long cumulative = 0;
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            cumulative += buckets.get(i);
            text.sample(name + "_bucket", "le", BigDecimal.valueOf(BOUNDS_MICROS[i], 6).stripTrailingZeros().toPlainString(), cumulative);
        }
        cumulative += buckets.get(BOUNDS_MICROS.length);
        text.sample(name + "_bucket", "le", "+Inf", cumulative);
        text.sample(name + "_sum", null, null, sumMicros.get() / 1e6);
        text.sample(name + "_count", null, null, cumulative);
    }
}
