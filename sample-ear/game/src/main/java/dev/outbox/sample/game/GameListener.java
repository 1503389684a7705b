package dev.outbox.sample.game;

import dev.outbox.consumer.OutboxMessageListener;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Receives the session backend's events from the topic {@code session.events}, through the game
 * backend's own durable subscription: an event published while this server is down waits in the
 * subscription instead of being missed. Other subscribers of the topic have subscriptions (and
 * inboxes) of their own. The subscription is shared, so several servers running the game backend
 * compete for its messages instead of each handling every one.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/topic/session.events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = GameListener.CONSUMER),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "session-events"),
        @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true")})
public class GameListener extends OutboxMessageListener {

    /** Keys this backend's inbox and scopes its handlers. */
    public static final String CONSUMER = "game";

    @Override
    protected String consumerName() {
        return CONSUMER;
    }
}
