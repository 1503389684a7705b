package dev.outbox.consumer;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Enumeration;
import java.util.function.Predicate;

/** Copies a message's body, type, correlation id, group and chosen properties into a new message. */
final class MessageCopy {

    /** Creates messages: a session and a JMS context do the same with different types. */
    interface Factory {
        TextMessage text(String text) throws JMSException;

        BytesMessage bytes() throws JMSException;
    }

    private MessageCopy() {
    }

    static Factory of(Session session) {
        return new Factory() {
            @Override
            public TextMessage text(String text) throws JMSException {
                return session.createTextMessage(text);
            }

            @Override
            public BytesMessage bytes() throws JMSException {
                return session.createBytesMessage();
            }
        };
    }

    static Factory of(JMSContext context) {
        return new Factory() {
            @Override
            public TextMessage text(String text) {
                return context.createTextMessage(text);
            }

            @Override
            public BytesMessage bytes() {
                return context.createBytesMessage();
            }
        };
    }

    /** Properties that are the broker's or the JMS provider's, never copied by name. */
    static boolean isUserProperty(String name) {
        return !name.startsWith("JMS") && !name.startsWith("_AMQ");
    }

    static Message copy(Message original, Factory factory, Predicate<String> keepProperty) throws JMSException {
        Message copy;
        if (original instanceof TextMessage text) {
            copy = factory.text(text.getText());
        } else {
            BytesMessage bytes = factory.bytes();
            byte[] body = Bodies.bytes(original);
            if (body != null) {
                bytes.writeBytes(body);
            }
            copy = bytes;
        }
        for (Enumeration<?> names = original.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (isUserProperty(name) && keepProperty.test(name)) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
        copy.setJMSType(original.getJMSType());
        copy.setJMSCorrelationID(original.getJMSCorrelationID());
        String group = original.getStringProperty("JMSXGroupID");
        if (group != null) {
            copy.setStringProperty("JMSXGroupID", group);
        }
        return copy;
    }
}
