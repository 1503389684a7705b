package dev.outbox.sample.payment;

import dev.outbox.consumer.OutboxMessageListener;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Receives the payment backend's commands from the queue {@code payment.commands}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/queue/payment.commands"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class PaymentListener extends OutboxMessageListener {

    /** Keys this backend's inbox and scopes its handlers. */
    public static final String CONSUMER = "payment";

    @Override
    protected String consumerName() {
        return CONSUMER;
    }
}
