package dev.outbox.relay.publish;

import dev.outbox.MessageKind;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.envelope.Payload;
import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.relay.testing.RelayFixture;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ArtemisPublisherIT {

    private final ArtemisBroker broker = ArtemisBroker.get();

    @Test
    void resentBatchIsDroppedByTheBrokerWithoutBlockingNewEntries() throws Exception {
        String queue = "resend-" + UUID.randomUUID();
        List<Outgoing> first = entries(queue, 3);
        List<Outgoing> resend = new ArrayList<>(first);
        resend.addAll(entries(queue, 2));

        try (ArtemisPublisher publisher = new ArtemisPublisher(broker.url(), ArtemisBroker.USER, ArtemisBroker.PASSWORD, "", 1000)) {
            publisher.connect();
            publisher.publish(first);
            publisher.publish(resend);
        }

        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
             Connection connection = factory.createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            List<String> ids = new ArrayList<>();
            for (jakarta.jms.Message message : RelayFixture.receive(consumer, 10, 1_000)) {
                ids.add(message.getStringProperty(MessageProperties.ID));
            }
            assertThat(ids).containsExactlyElementsOf(resend.stream()
                    .map(outgoing -> ((Outgoing.Entry) outgoing).envelope().id().toString()).toList());
        }
    }

    @Test
    void wrongPasswordStopsStartWithAClearMessage() {
        try (ArtemisPublisher publisher = new ArtemisPublisher(broker.url(), ArtemisBroker.USER, "wrong", "", 1000)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(publisher::connect)
                    .hasMessageContaining("Cannot connect to the broker at " + broker.url())
                    .hasMessageContaining("user '" + ArtemisBroker.USER + "'");
        }
    }

    private static List<Outgoing> entries(String queue, int count) {
        List<Outgoing> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Outgoing.Entry(new Envelope(UUID.randomUUID(), MessageKind.COMMAND, "t", queue, "k:1",
                    Payload.json("{\"i\":" + i + "}"), Map.of(), Instant.now(), null, null, null, null, null, null)));
        }
        return entries;
    }
}
