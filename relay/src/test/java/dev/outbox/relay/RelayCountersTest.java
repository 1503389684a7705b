package dev.outbox.relay;

import dev.outbox.relay.ops.PrometheusText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayCountersTest {

    private static final long CONFIRMED = 1_764_806_400_000_000L;

    @Test
    void everyRecordWithACommitTimeIsTimedAndTheNewestSetsTheLag() {
        RelayCounters counters = new RelayCounters();
        long[] commits = {CONFIRMED - 9_000, CONFIRMED - 3_000, -1, CONFIRMED - 6_000, 42};

        // Only the first four belong to the batch; the unknown commit time is left out.
        counters.entriesConfirmed(commits, 4, CONFIRMED);

        assertThat(delaysText(counters)).contains("d_count 3\n");
        assertThat(counters.lastLagMillis()).isEqualTo(3);
        assertThat(counters.lastCommitMillis()).isEqualTo((CONFIRMED - 3_000) / 1_000);
    }

    @Test
    void aBatchWithoutCommitTimesLeavesTheLagAsItWas() {
        RelayCounters counters = new RelayCounters();

        counters.entriesConfirmed(new long[] {-1}, 1, CONFIRMED);
        counters.entriesConfirmed(new long[0], 0, CONFIRMED);

        assertThat(delaysText(counters)).contains("d_count 0\n");
        assertThat(counters.lastLagMillis()).isEqualTo(-1);
    }

    private static String delaysText(RelayCounters counters) {
        PrometheusText text = new PrometheusText();
        counters.delays().render(text, "d", "help");
        return text.toString();
    }
}
