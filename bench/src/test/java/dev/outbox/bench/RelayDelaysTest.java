package dev.outbox.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayDelaysTest {

    private static final String BEFORE = """
            # HELP outbox_relay_delay_seconds help
            # TYPE outbox_relay_delay_seconds histogram
            outbox_relay_delay_seconds_bucket{le="0.001"} 1
            outbox_relay_delay_seconds_bucket{le="0.005"} 10
            outbox_relay_delay_seconds_bucket{le="0.0075"} 10
            outbox_relay_delay_seconds_bucket{le="0.05"} 10
            outbox_relay_delay_seconds_bucket{le="+Inf"} 10
            outbox_relay_delay_seconds_sum 0.020
            outbox_relay_delay_seconds_count 10
            outbox_relay_entries_total 10
            """;
    private static final String AFTER = """
            outbox_relay_delay_seconds_bucket{le="0.001"} 1
            outbox_relay_delay_seconds_bucket{le="0.005"} 105
            outbox_relay_delay_seconds_bucket{le="0.0075"} 108
            outbox_relay_delay_seconds_bucket{le="0.05"} 109
            outbox_relay_delay_seconds_bucket{le="+Inf"} 110
            """;

    @Test
    void theDifferenceOfTwoScrapesIsWhatWasCountedBetweenThem() {
        RelayDelays between = RelayDelays.parse(AFTER).since(RelayDelays.parse(BEFORE));

        assertThat(between.total()).isEqualTo(100);
        assertThat(between.boundMillis(50)).isEqualTo(5);
        assertThat(between.describe(95)).isEqualTo("<= 5 ms");
        assertThat(between.describe(98)).isEqualTo("<= 7.5 ms");
        assertThat(between.describe(99)).isEqualTo("<= 50 ms");
        assertThat(between.describe(100)).isEqualTo("> 50 ms");
        assertThat(between.json(99)).isEqualTo("50");
        assertThat(between.json(100)).isEqualTo("null");
    }

    @Test
    void metricsWithoutTheHistogramAreRefused() {
        assertThatThrownBy(() -> RelayDelays.parse("outbox_relay_entries_total 3\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outbox_relay_delay_seconds");
    }
}
