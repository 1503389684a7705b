package dev.outbox.sample.session;

import dev.outbox.consumer.OutboxMessageListener;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Receives the session backend's commands (the scheduler's) from the queue {@code session.commands}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/queue/session.commands"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class SessionListener extends OutboxMessageListener {

    /** Keys this backend's inbox and scopes its handlers. */
    public static final String CONSUMER = "session";

    @Override
    protected String consumerName() {
        return CONSUMER;
    }
}
