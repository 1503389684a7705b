package dev.outbox.consumer;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;

/** Reads a message body as bytes without disturbing a later read of it. */
final class Bodies {

    private Bodies() {
    }

    /** @return the body's bytes (UTF-8 for a text message), or {@code null} if it has none */
    static byte[] bytes(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            String body = text.getText();
            return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytes.reset();
            return body;
        }
        return null;
    }
}
