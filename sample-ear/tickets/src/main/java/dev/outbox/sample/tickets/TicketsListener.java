package dev.outbox.sample.tickets;

import dev.outbox.consumer.OutboxMessageListener;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Receives the tickets backend's commands (its own deadlines) from the queue {@code tickets.commands}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/queue/tickets.commands"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class TicketsListener extends OutboxMessageListener {

    /** Keys this backend's inbox and scopes its handlers. */
    public static final String CONSUMER = "tickets";

    @Override
    protected String consumerName() {
        return CONSUMER;
    }
}
