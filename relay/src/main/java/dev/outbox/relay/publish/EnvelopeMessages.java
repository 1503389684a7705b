package dev.outbox.relay.publish;

import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.envelope.Payload;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.Arrays;

import static org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID;
import static org.apache.activemq.artemis.api.core.Message.HDR_GROUP_ID;
import static org.apache.activemq.artemis.api.core.Message.HDR_SCHEDULED_DELIVERY_TIME;

/**
 * The broker message for an entry: body = payload (text or bytes), {@code JMSType} = type,
 * {@code JMSXGroupID} = ordering key, {@code _AMQ_DUPL_ID} = entry id, {@code _AMQ_SCHED_DELIVERY}
 * = deliver-at, {@code JMSCorrelationID} = correlation id, and every envelope field as the string
 * properties of {@link MessageProperties}.
 */
final class EnvelopeMessages {

    /** Artemis's duplicate-detection id (Message.HDR_DUPLICATE_DETECTION_ID). */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    static final String INVALID_REASON = "outbox_invalid_reason";
    static final String INVALID_SOURCE = "outbox_invalid_source";
    static final String INVALID_POSITION = "outbox_invalid_position";

    private EnvelopeMessages() {
    }

    static Message of(Session session, Envelope envelope) throws JMSException {
        Payload payload = envelope.payload();
        Message message;
        if (payload.isText()) {
            message = session.createTextMessage(payload.text());
        } else {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(payload.bytes());
            message = bytes;
        }
        message.setJMSType(envelope.type());
        if (envelope.correlationId() != null) {
            message.setJMSCorrelationID(envelope.correlationId().toString());
        }
        // The properties go straight onto the Artemis message under cached names: through JMS each
        // name would be checked and converted again for every message, which cost the relay more
        // than the send itself. The names are valid JMS identifiers (the envelope's rules see to
        // headers), so consumers read them through JMS as usual.
        ClientMessage core = ((ActiveMQMessage) message).getCoreMessage();
        core.putStringProperty(HDR_GROUP_ID, SimpleString.of(envelope.key()));
        core.putStringProperty(HDR_DUPLICATE_DETECTION_ID, SimpleString.of(envelope.id().toString()));
        if (envelope.deliverAt() != null) {
            core.putLongProperty(HDR_SCHEDULED_DELIVERY_TIME, envelope.deliverAt().toEpochMilli());
        }
        MessageProperties.forEach(envelope, (name, value) -> core.putStringProperty(PropertyNames.of(name), SimpleString.of(value)));
        return message;
    }

    /** The report of an undecodable entry: its raw content, why, and where it was found. */
    static Message of(Session session, Outgoing.Undecodable entry) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(entry.content());
        message.setStringProperty(INVALID_REASON, entry.reason());
        message.setStringProperty(INVALID_SOURCE, entry.source());
        message.setStringProperty(INVALID_POSITION, entry.position());
        if (entry.id() != null) {
            message.setStringProperty(MessageProperties.ID, entry.id());
        }
        message.setStringProperty(DUPLICATE_ID, "invalid:" + entry.source() + ":" + entry.position()
                + (entry.id() == null ? ":" + Arrays.hashCode(entry.content()) : ":" + entry.id()));
        return message;
    }
}
