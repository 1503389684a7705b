package dev.outbox.envelope;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates UUIDv7 message ids (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter
 * that keeps ids from one process strictly increasing within a millisecond, then 62 random bits.
 * Time-ordered ids keep the outbox table's primary-key index append-only.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Unix milliseconds in the high 52 bits, the counter in the low 12. */
    private static final AtomicLong LAST = new AtomicLong();

    private MessageIds() {
    }

    /** @return a new UUIDv7, greater than every id this class returned before in this JVM */
    public static UUID next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, now));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long high = (millis << 16) | (0x7L << 12) | counter;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
