package dev.outbox.sample.calls;

/**
 * A call does not prove which service makes it: no signature, an unknown or another service's key,
 * a signature over another request, a call for another service, too old, or already answered.
 * Answered with 401.
 */
public final class CallNotTrustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CallNotTrustedException(String message) {
        super(message);
    }

    public CallNotTrustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
