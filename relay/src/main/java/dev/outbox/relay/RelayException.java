package dev.outbox.relay;

/** Root of the relay's exceptions: the relay cannot start or cannot go on. */
public class RelayException extends RuntimeException {

    public RelayException(String message) {
        super(message);
    }

    public RelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
