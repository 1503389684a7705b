package dev.outbox.relay;

/**
 * Something the relay depends on cannot be reached now (the database or the broker is down,
 * restarting or unreachable). The relay retries with a growing pause instead of stopping.
 */
public class RelayUnavailableException extends RelayException {

    public RelayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
