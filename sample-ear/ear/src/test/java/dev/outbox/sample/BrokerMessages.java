package dev.outbox.sample;

import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageProperties;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Map;

/** Puts an envelope on the broker in the documented wire format, as the relay would, for messages no backend of the sample sends. */
final class BrokerMessages {

    private BrokerMessages() {
    }

    /** Sends a command with a text payload to the queue its envelope names. */
    static void send(ConnectionFactory factory, Envelope envelope) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(envelope.destination()));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Message message = session.createTextMessage(envelope.payload().text());
            for (Map.Entry<String, String> property : MessageProperties.of(envelope).entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            message.setJMSType(envelope.type());
            message.setStringProperty("JMSXGroupID", envelope.key());
            producer.send(message);
        }
    }
}
