package dev.outbox.consumer;

/**
 * Handles one message type. Throwing rolls back the whole transaction, inbox entry included, so
 * the broker delivers the message again; after the configured number of attempts it is
 * dead-lettered.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface MessageHandler<T> {

    void handle(T payload, ReceivedMessage message) throws Exception;
}
