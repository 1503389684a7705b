package dev.outbox.relay;

import dev.outbox.relay.ops.PrometheusText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DelayHistogramTest {

    @Test
    void eachDelayCountsInTheFirstBucketItFitsAndInEveryLargerOne() {
        DelayHistogram histogram = new DelayHistogram();
        histogram.observe(1_000);      // exactly 1 ms: le="0.001"
        histogram.observe(1_001);      // just over: le="0.002"
        histogram.observe(-5_000);     // the database's clock ahead of the relay's: counted as 0
        histogram.observe(7_000);      // 7 ms: le="0.0075"
        histogram.observe(7_500_000);  // 7.5 s: le="10"
        histogram.observe(120_000_000); // 2 min: only +Inf

        String text = render(histogram);

        assertThat(text).startsWith("# HELP delay help\n# TYPE delay histogram\n")
                .contains("delay_bucket{le=\"0.001\"} 2\n", "delay_bucket{le=\"0.002\"} 3\n", "delay_bucket{le=\"0.005\"} 3\n",
                        "delay_bucket{le=\"0.0075\"} 4\n", "delay_bucket{le=\"5\"} 4\n", "delay_bucket{le=\"10\"} 5\n",
                        "delay_bucket{le=\"60\"} 5\n", "delay_bucket{le=\"+Inf\"} 6\n", "delay_count 6\n")
                .contains("delay_sum 127.509\n");
    }

    @Test
    void anEmptyHistogramStillShowsEveryBucket() {
        String text = render(new DelayHistogram());

        assertThat(text.lines().filter(line -> line.startsWith("delay_bucket"))).hasSize(DelayHistogram.BOUNDS_MICROS.length + 1)
                .allSatisfy(line -> assertThat(line).endsWith(" 0"));
        assertThat(text).contains("delay_sum 0\n", "delay_count 0\n");
    }

    private static String render(DelayHistogram histogram) {
        PrometheusText text = new PrometheusText();
        histogram.render(text, "delay", "help");
        return text.toString();
    }
}
