package dev.outbox.envelope;

import dev.outbox.OutboxException;

/**
 * An envelope's signature could not be trusted. {@link #problem()} says why, so a consumer can
 * record it with the dead letter.
 */
public final class SignatureVerificationException extends OutboxException {

    /** Why verification failed. */
    public enum Problem {
        /** The envelope carries no signature. */
        UNSIGNED,
        /** No trusted key has the envelope's key id. */
        UNKNOWN_KEY,
        /** The key exists but belongs to another service than the envelope's sender. */
        WRONG_SENDER,
        /** The signature does not match the envelope: forged, or altered after signing. */
        MISMATCH
    }

    private final Problem problem;

    public SignatureVerificationException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
