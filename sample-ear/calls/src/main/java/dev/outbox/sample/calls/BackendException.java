package dev.outbox.sample.calls;

/**
 * Another backend did not answer, or answered what the caller cannot use. The caller's own
 * client answers 503 when the backend could not be reached ({@link #status()} 0) and 502 otherwise.
 */
public final class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String backend;
    private final int status;

    /**
     * @param backend the backend called, e.g. {@code auth}
     * @param status  its HTTP status, or 0 when it did not answer
     */
    public BackendException(String backend, int status, String message, Throwable cause) {
        super(message, cause);
        this.backend = backend;
        this.status = status;
    }

    public String backend() {
        return backend;
    }

    /** @return the called backend's HTTP status, or 0 when it did not answer */
    public int status() {
        return status;
    }
}
