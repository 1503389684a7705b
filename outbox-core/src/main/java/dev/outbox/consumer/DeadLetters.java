package dev.outbox.consumer;

import dev.outbox.OutboxException;
import dev.outbox.envelope.MessageProperties;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;

/**
 * Inspects and replays the dead-letter address. Replaying moves dead letters back to the address
 * they were consumed from, unchanged but for the dead-letter properties, in one broker
 * transaction; the consumer then handles them as if they arrived for the first time (its inbox
 * still drops any that were handled after all).
 *
 * <pre>{@code
 * DeadLetters deadLetters = DeadLetters.at(connectionFactory, "outbox.dead-letters");
 * deadLetters.list("notification");                  // what is there, and why
 * deadLetters.replayKey("notification", "game:42");  // the key's dead letters, in order
 * }</pre>
 */
public final class DeadLetters {

    /** A dead letter as listed. */
    public record Entry(String messageId, String type, String key, String consumer, String reason, String error, String at) {
    }

    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final long RETRY_PAUSE_MS = 100;

    private final ConnectionFactory connectionFactory;
    private final String address;

    private DeadLetters(ConnectionFactory connectionFactory, String address) {
        this.connectionFactory = connectionFactory;
        this.address = address;
    }

    public static DeadLetters at(ConnectionFactory connectionFactory, String address) {
        return new DeadLetters(connectionFactory, address);
    }

    /**
     * @return the consumer's dead letters, oldest first
     * @throws OutboxException when the broker cannot be browsed, after a second attempt
     */
    public List<Entry> list(String consumer) {
        try {
            return browse(consumer);
        } catch (JMSException first) {
            // A browse changes nothing, so one more attempt is safe. It is needed when the first dead
            // letter creates the address at this very moment: the broker then refuses the browse
            // because the queue "already exists" (Artemis AMQ229019), and the next one succeeds.
            try {
                Thread.sleep(RETRY_PAUSE_MS);
                return browse(consumer);
            } catch (JMSException again) {
                again.addSuppressed(first);
                throw new OutboxException("could not browse dead letters at " + address + ": " + again.getMessage(), again);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutboxException("interrupted while browsing dead letters at " + address, e);
            }
        }
    }

    private List<Entry> browse(String consumer) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<Entry> entries = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(address), selector(consumer, null, null))) {
                for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
                    Message message = (Message) messages.nextElement();
                    entries.add(new Entry(message.getStringProperty(MessageProperties.ID), message.getStringProperty(MessageProperties.TYPE),
                            message.getStringProperty(MessageProperties.KEY), message.getStringProperty(DeadLetterProperties.CONSUMER),
                            message.getStringProperty(DeadLetterProperties.REASON), message.getStringProperty(DeadLetterProperties.ERROR),
                            message.getStringProperty(DeadLetterProperties.AT)));
                }
            }
            return Collections.unmodifiableList(entries);
        }
    }

    /** Replays one dead letter. @return how many were replayed (0 or 1) */
    public int replay(String consumer, UUID messageId) {
        return move(selector(consumer, null, messageId.toString()));
    }

    /**
     * Replays every dead letter of the consumer with this key, in the order they were
     * dead-lettered, which releases a parked key once the first of them is handled.
     *
     * @return how many were replayed
     */
    public int replayKey(String consumer, String key) {
        return move(selector(consumer, key, null));
    }

    private int move(String selector) {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            int moved = 0;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(address), selector);
                 MessageProducer producer = session.createProducer(null)) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (Message letter = consumer.receive(500); letter != null; letter = consumer.receive(200)) {
                    Destination origin = letter.getBooleanProperty(DeadLetterProperties.ORIGIN_IS_TOPIC)
                            ? session.createTopic(letter.getStringProperty(DeadLetterProperties.ORIGIN))
                            : session.createQueue(letter.getStringProperty(DeadLetterProperties.ORIGIN));
                    producer.send(origin, restore(session, letter));
                    moved++;
                }
                session.commit();
            } catch (JMSException | RuntimeException e) {
                session.rollback();
                throw e;
            }
            return moved;
        } catch (JMSException e) {
            throw new OutboxException("could not replay dead letters from " + address + ": " + e.getMessage(), e);
        }
    }

    private static Message restore(Session session, Message letter) throws JMSException {
        Message message = MessageCopy.copy(letter, MessageCopy.of(session), name -> !name.startsWith("outbox_dead_letter_"));
        // The original id is in the broker's duplicate cache: a replay needs an id of its own.
        message.setStringProperty(DUPLICATE_ID, "replay:" + letter.getStringProperty(MessageProperties.ID) + ":" + System.nanoTime());
        return message;
    }

    private static String selector(String consumer, String key, String messageId) {
        StringBuilder selector = new StringBuilder(DeadLetterProperties.CONSUMER + " = " + literal(consumer));
        if (key != null) {
            selector.append(" AND ").append(MessageProperties.KEY).append(" = ").append(literal(key));
        }
        if (messageId != null) {
            selector.append(" AND ").append(MessageProperties.ID).append(" = ").append(literal(messageId));
        }
        return selector.toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
