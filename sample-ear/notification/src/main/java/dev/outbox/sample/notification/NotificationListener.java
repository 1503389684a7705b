package dev.outbox.sample.notification;

import dev.outbox.consumer.OutboxMessageListener;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Receives the notification backend's commands from the broker. The queue is looked up in the
 * server's JNDI, where the server configuration binds the broker's queue {@code notification.commands}
 * (an external JMS queue without the Artemis 1.x {@code jms.queue.} prefix); the resource adapter
 * is the server's default, which connects to that broker.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/queue/notification.commands"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class NotificationListener extends OutboxMessageListener {

    /** Keys this backend's inbox; another consumer of the same messages needs another name. */
    public static final String CONSUMER = "notification";

    @Override
    protected String consumerName() {
        return CONSUMER;
    }
}
