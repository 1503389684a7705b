package dev.outbox.relay;

import dev.outbox.consumer.DeadLetterProperties;
import dev.outbox.relay.testing.ArtemisBroker;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterToolIT {

    @Test
    void listsAndReplaysAKeysDeadLettersInOrder() throws Exception {
        ArtemisBroker broker = ArtemisBroker.get();
        Map<String, String> environment = Map.of("OUTBOX_BROKER_URL", broker.url(), "OUTBOX_BROKER_USER", ArtemisBroker.USER,
                "OUTBOX_BROKER_PASSWORD", ArtemisBroker.PASSWORD, "OUTBOX_CONSUMER_DEAD_LETTER_ADDRESS", "tool-it.dead-letters");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        try (Connection connection = factory.createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("tool-it.dead-letters"));
            for (String text : new String[] {"first", "second"}) {
                TextMessage letter = session.createTextMessage(text);
                letter.setStringProperty("outbox_id", UUID.randomUUID().toString());
                letter.setStringProperty("outbox_type", "notification.NotifyPlayers");
                letter.setStringProperty("outbox_key", "game:42");
                letter.setStringProperty(DeadLetterProperties.CONSUMER, "notification");
                letter.setStringProperty(DeadLetterProperties.REASON, "handler-failed");
                letter.setStringProperty(DeadLetterProperties.ERROR, "boom");
                letter.setStringProperty(DeadLetterProperties.ORIGIN, "tool-it.commands");
                letter.setBooleanProperty(DeadLetterProperties.ORIGIN_IS_TOPIC, false);
                producer.send(letter);
            }

            ByteArrayOutputStream listed = new ByteArrayOutputStream();
            int listExit = DeadLetterTool.run(new String[] {"list", "--consumer", "notification"}, environment::get,
                    new PrintStream(listed, true, StandardCharsets.UTF_8), System.err);
            ByteArrayOutputStream replayed = new ByteArrayOutputStream();
            int replayExit = DeadLetterTool.run(new String[] {"replay", "--consumer", "notification", "--key", "game:42"}, environment::get,
                    new PrintStream(replayed, true, StandardCharsets.UTF_8), System.err);

            assertThat(listExit).isZero();
            assertThat(listed.toString(StandardCharsets.UTF_8)).contains("handler-failed").contains("2 dead letter(s) of notification");
            assertThat(replayExit).isZero();
            assertThat(replayed.toString(StandardCharsets.UTF_8)).contains("replayed 2 dead letter(s)");
            MessageConsumer origin = session.createConsumer(session.createQueue("tool-it.commands"));
            connection.start();
            Message first = origin.receive(5_000);
            Message second = origin.receive(5_000);
            assertThat(((TextMessage) first).getText()).isEqualTo("first");
            assertThat(((TextMessage) second).getText()).isEqualTo("second");
            assertThat(first.propertyExists(DeadLetterProperties.REASON)).isFalse();
        }
    }

    @Test
    void badArgumentsPrintUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DeadLetterTool.run(new String[] {"replay", "--consumer", "notification"}, name -> null, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: DeadLetterTool");
    }
}
