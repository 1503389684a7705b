package dev.outbox.consumer;

import dev.outbox.envelope.CanonicalForm;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Instant;

/**
 * Sends dead letters to a queue as copies of the original: same body, every original property,
 * the group id and type, plus the {@link DeadLetterProperties}. The copy's duplicate-detection id
 * is derived from consumer and broker message, so a dead letter sent twice is stored once.
 */
public final class JmsDeadLetterSink implements DeadLetterSink {

    /** The default dead-letter address. */
    public static final String DEFAULT_ADDRESS = "outbox.dead-letters";

    private static final int MAX_ERROR_LENGTH = 4000;
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final ConnectionFactory connectionFactory;
    private final Session session;
    private final String address;

    private JmsDeadLetterSink(ConnectionFactory connectionFactory, Session session, String address) {
        this.connectionFactory = connectionFactory;
        this.session = session;
        this.address = address;
    }

    /**
     * Sends through a connection factory whose connections join the container's transaction
     * (in WildFly, the pooled connection factory an MDB consumes with).
     */
    public static JmsDeadLetterSink through(ConnectionFactory transactionalFactory, String address) {
        return new JmsDeadLetterSink(transactionalFactory, null, address);
    }

    /** Sends through the transacted session the original was received with. */
    public static JmsDeadLetterSink through(Session transactedSession, String address) {
        return new JmsDeadLetterSink(null, transactedSession, address);
    }

    @Override
    public void send(Message original, DeadLetter letter) throws JMSException {
        if (session != null) {
            Message copy = decorate(original, MessageCopy.of(session), letter);
            try (MessageProducer producer = session.createProducer(session.createQueue(address))) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producer.send(copy);
            }
            return;
        }
        try (JMSContext context = connectionFactory.createContext()) {
            Message copy = decorate(original, MessageCopy.of(context), letter);
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(context.createQueue(address), copy);
        }
    }

    private static Message decorate(Message original, MessageCopy.Factory factory, DeadLetter letter) throws JMSException {
        Message copy = MessageCopy.copy(original, factory, name -> true);
        // Unique per broker message: a resend of this very dead letter is dropped, while the same
        // outbox message dead-lettered again after a replay (a new broker message) is kept.
        String delivery = original.getJMSMessageID() != null ? original.getJMSMessageID() : java.util.UUID.randomUUID().toString();
        copy.setStringProperty(DUPLICATE_ID, "dead-letter:" + letter.consumer() + ":" + delivery);
        copy.setStringProperty(DeadLetterProperties.REASON, letter.reason().label());
        copy.setStringProperty(DeadLetterProperties.CONSUMER, letter.consumer());
        copy.setStringProperty(DeadLetterProperties.ERROR, truncate(letter.error()));
        copy.setStringProperty(DeadLetterProperties.AT, CanonicalForm.timestamp(Instant.now()));
        copy.setIntProperty(DeadLetterProperties.DELIVERY_COUNT, letter.deliveryCount());
        Destination origin = original.getJMSDestination();
        if (origin instanceof Topic topic) {
            copy.setStringProperty(DeadLetterProperties.ORIGIN, topic.getTopicName());
            copy.setBooleanProperty(DeadLetterProperties.ORIGIN_IS_TOPIC, true);
        } else if (origin instanceof Queue queue) {
            copy.setStringProperty(DeadLetterProperties.ORIGIN, queue.getQueueName());
            copy.setBooleanProperty(DeadLetterProperties.ORIGIN_IS_TOPIC, false);
        }
        return copy;
    }

    private static String truncate(String error) {
        if (error == null) {
            return "";
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "...";
    }
}
