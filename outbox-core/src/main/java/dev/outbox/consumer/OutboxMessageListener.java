package dev.outbox.consumer;

import dev.outbox.internal.CdiConsumers;

import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Base class of a Message-Driven Bean that receives outbox messages. The subclass names the
 * destination and the consumer; the deployment's {@link HandlesMessage} methods do the work:
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *         @ActivationConfigProperty(propertyName = "destination", propertyValue = "notification.commands"),
 *         @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
 * public class NotificationListener extends OutboxMessageListener {
 *     @Override
 *     protected String consumerName() {
 *         return "notification";
 *     }
 * }
 * }</pre>
 *
 * <p>Keep the container-managed transaction (the default): the signature check, the inbox entry,
 * the handler's work and any dead letter commit together with the acknowledgement. A handler
 * failure rolls all of it back and the broker delivers the message again.
 */
public abstract class OutboxMessageListener implements MessageListener {

    @Inject
    CdiConsumers consumers;

    /**
     * @return the consumer's name, under which its inbox entries and dead letters are kept; two
     *         listeners that must each handle the same message (subscribers of one topic) need
     *         different names
     */
    protected abstract String consumerName();

    @Override
    public void onMessage(Message message) {
        consumers.dispatch(consumerName(), message);
    }
}
