package dev.outbox.envelope;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    void idsAreVersion7AndStrictlyIncreasing() {
        UUID previous = MessageIds.next();
        for (int i = 0; i < 100_000; i++) {
            UUID next = MessageIds.next();
            assertThat(next.version()).isEqualTo(7);
            assertThat(next.variant()).isEqualTo(2);
            assertThat(Long.compareUnsigned(next.getMostSignificantBits(), previous.getMostSignificantBits())).isPositive();
            previous = next;
        }
    }

    @Test
    void idCarriesTheCurrentTime() {
        long before = System.currentTimeMillis();
        long millis = MessageIds.next().getMostSignificantBits() >>> 16;

        assertThat(millis).isBetween(before, System.currentTimeMillis() + 1000);
    }
}
