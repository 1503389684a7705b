package dev.outbox.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Summaries of repeated measurements. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** @return the nearest-rank percentile of ascending values, or NaN if there are none */
    static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1))];
    }

    /** @return "p50 / p99" in milliseconds with one decimal, of ascending microseconds */
    static String p50p99Millis(long[] sortedMicros) {
        return String.format(Locale.ROOT, "%.1f / %.1f", percentile(sortedMicros, 50) / 1000, percentile(sortedMicros, 99) / 1000);
    }
}
