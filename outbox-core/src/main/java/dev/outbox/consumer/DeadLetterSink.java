package dev.outbox.consumer;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Where dead letters go. The send must join the transaction that consumes the original message,
 * so that the original is acknowledged if and only if its dead letter is stored.
 */
@FunctionalInterface
public interface DeadLetterSink {

    void send(Message original, DeadLetter letter) throws JMSException;
}
