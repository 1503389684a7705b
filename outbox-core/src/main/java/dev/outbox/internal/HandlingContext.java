package dev.outbox.internal;

import dev.outbox.envelope.Envelope;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The message whose handler is running on this thread, so that messages the handler sends are
 * linked to it (correlation, causation) and act for the same user. Set by the consumer support
 * around each handler call.
 */
public final class HandlingContext {

    private static final ThreadLocal<Envelope> CURRENT = new ThreadLocal<>();

    private HandlingContext() {
    }

    public static Optional<Envelope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} with {@code handled} as the current message, restoring the previous one after. */
    public static <T> T runWith(Envelope handled, Callable<T> work) throws Exception {
        Envelope previous = CURRENT.get();
        CURRENT.set(handled);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
