package dev.outbox.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's {@code outbox_relay_delay_seconds} histogram (commit to the broker's confirmation) as
 * scraped: cumulative counts by upper bound. The difference of two scrapes is the part of a run
 * between them, which splits a latency measured at the consumer into the relay's part and the rest
 * without adding anything to the relay.
 *
 * @param boundsSeconds upper bounds, ascending, the last one infinite
 * @param cumulative    entries at or below each bound
 */
record RelayDelays(double[] boundsSeconds, long[] cumulative) {

    static final String BUCKET = "outbox_relay_delay_seconds_bucket{le=\"";

    /** @return the histogram in the relay's metrics text */
    static RelayDelays parse(String metrics) {
        List<Double> bounds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(BUCKET)) {
                String bound = line.substring(BUCKET.length(), line.indexOf('"', BUCKET.length()));
                bounds.add("+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound));
                counts.add((long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        if (bounds.isEmpty()) {
            throw new IllegalStateException("the relay's metrics have no outbox_relay_delay_seconds histogram");
        }
        return new RelayDelays(bounds.stream().mapToDouble(Double::doubleValue).toArray(), counts.stream().mapToLong(Long::longValue).toArray());
    }

    /** @return what was counted after {@code earlier}, a scrape of the same relay */
    RelayDelays since(RelayDelays earlier) {
        long[] counts = new long[cumulative.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cumulative[i] - earlier.cumulative[i];
        }
        return new RelayDelays(boundsSeconds, counts);
    }

    long total() {
        return cumulative[cumulative.length - 1];
    }

    /** @return the smallest bound, in ms, at or below which {@code percent} of the entries are; infinite past the last bound */
    double boundMillis(double percent) {
        long needed = (long) Math.ceil(total() * percent / 100.0);
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= needed) {
                return boundsSeconds[i] * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** @return e.g. {@code <= 5 ms}, or {@code > 60000 ms} past the last finite bound */
    String describe(double percent) {
        double bound = boundMillis(percent);
        if (Double.isInfinite(bound)) {
            return "> " + millisText(boundsSeconds[boundsSeconds.length - 2] * 1000) + " ms";
        }
        return "<= " + millisText(bound) + " ms";
    }

    /** @return the bound as a JSON number, {@code null} past the last finite bound */
    String json(double percent) {
        double bound = boundMillis(percent);
        return Double.isInfinite(bound) ? "null" : millisText(bound);
    }

    /** @return e.g. {@code 5} or {@code 7.5}: the bound as the relay wrote it, without a double's rounding noise */
    private static String millisText(double millis) {
        return BigDecimal.valueOf(Math.round(millis * 1000), 3).stripTrailingZeros().toPlainString();
    }
}
