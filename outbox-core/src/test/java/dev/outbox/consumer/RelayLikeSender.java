package dev.outbox.consumer;

import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageProperties;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Map;
import java.util.function.BiConsumer;

/** Sends envelopes to the broker in the documented wire format, as the relay does. */
final class RelayLikeSender implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;

    RelayLikeSender(ConnectionFactory factory) throws JMSException {
        this(factory, false);
    }

    /** @param transacted whether sends are stored only on {@link #commit()}, in batches, as the relay sends */
    RelayLikeSender(ConnectionFactory factory, boolean transacted) throws JMSException {
        connection = factory.createConnection();
        session = transacted ? connection.createSession(true, Session.SESSION_TRANSACTED) : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    void send(String queue, Envelope envelope) throws JMSException {
        send(queue, envelope, (name, message) -> { });
    }

    /** Sends with a chance to alter the message after it was built, as a tamperer would. */
    void send(String queue, Envelope envelope, BiConsumer<String, Message> tamper) throws JMSException {
        Message message;
        if (envelope.payload().isText()) {
            message = session.createTextMessage(envelope.payload().text());
        } else {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(envelope.payload().bytes());
            message = bytes;
        }
        for (Map.Entry<String, String> property : MessageProperties.of(envelope).entrySet()) {
            message.setStringProperty(property.getKey(), property.getValue());
        }
        message.setJMSType(envelope.type());
        message.setStringProperty("JMSXGroupID", envelope.key());
        tamper.accept(queue, message);
        producer.send(session.createQueue(queue), message);
    }

    void sendRaw(String queue, String body, Map<String, String> properties) throws JMSException {
        Message message = session.createTextMessage(body);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            message.setStringProperty(property.getKey(), property.getValue());
        }
        producer.send(session.createQueue(queue), message);
    }

    void commit() throws JMSException {
        session.commit();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
