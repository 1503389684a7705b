package dev.outbox.relay.publish;

import dev.outbox.relay.RelayUnavailableException;

/** The broker cannot be reached now; the relay tries again later. */
public final class BrokerUnavailableException extends RelayUnavailableException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
