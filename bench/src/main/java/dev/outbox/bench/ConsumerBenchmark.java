package dev.outbox.bench;

import dev.outbox.Actor;
import dev.outbox.MessageKind;
import dev.outbox.consumer.HandlerPolicy;
import dev.outbox.consumer.Handlers;
import dev.outbox.consumer.JmsDeadLetterSink;
import dev.outbox.consumer.MessageDispatcher;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.EnvelopeVerifier;
import dev.outbox.envelope.MessageIds;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.envelope.Payload;
import dev.outbox.envelope.SigningKey;
import dev.outbox.envelope.TrustedKey;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestBroker;
import dev.outbox.testing.TestDatabase;
import dev.outbox.testing.TestKeys;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Handler throughput with the full consumer (signature check, policy, inbox) against the same
 * handler without it, in the same run, on a real PostgreSQL and Artemis broker: the cost the
 * consumer adds to a handler that writes one row.
 *
 * <p>Each round drains a queue of {@value #MESSAGES} messages with one consumer thread, each
 * message in its own JTA transaction followed by the JMS commit, as an MDB with
 * container-managed transactions does. Rounds alternate between the two variants after a warm-up.
 */
public final class ConsumerBenchmark {

    static final int MESSAGES = 4_000;
    static final int ROUNDS = 5;

    public record Order(String order, int quantity) {
    }

    private final TestDatabase database = TestDatabase.get();
    private final JtaEnvironment jta = new JtaEnvironment(database, 4);
    private final ConnectionFactory broker = TestBroker.get().connectionFactory();
    private final String key = TestKeys.hmacKey();
    private final SigningKey signing = SigningKey.parse("shop-1", key);
    private final Jsonb jsonb = JsonbBuilder.create();

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "target");
        ConsumerBenchmark benchmark = new ConsumerBenchmark();
        try {
            benchmark.run(output);
        } finally {
            benchmark.jta.close();
        }
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        try (var connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_order (message_id uuid, order_key text, quantity int)");
        }
        MessageDispatcher dispatcher = dispatcher();
        System.out.println("warm-up...");
        round("outbox", dispatcher, 0);
        round("bare", null, 0);
        List<Double> outbox = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            outbox.add(round("outbox", dispatcher, round));
            bare.add(round("bare", null, round));
            System.out.printf(Locale.ROOT, "round %d: outbox %.0f msg/s, bare %.0f msg/s%n", round, outbox.get(round - 1), bare.get(round - 1));
        }
        report(output, outbox, bare);
    }

    private MessageDispatcher dispatcher() {
        Handlers handlers = Handlers.builder()
                .on("shop.PlaceOrder", Order.class, HandlerPolicy.from("shop"), (order, message) -> insert(message.id().toString(), order))
                .build();
        return MessageDispatcher.builder().consumer("bench").handlers(handlers)
                .verifier(EnvelopeVerifier.of(List.of(TrustedKey.parse("shop-1", "shop", key))))
                .dataSource(jta.dataSource()).transactionRegistry(jta.registry())
                .newTransactionsFrom(jta.transactionManager()).build();
    }

    private void insert(String id, Order order) throws Exception {
        try (var connection = jta.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_order VALUES (?::uuid, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, order.order());
            insert.setInt(3, order.quantity());
            insert.executeUpdate();
        }
    }

    /** @return messages handled per second */
    private double round(String variant, MessageDispatcher dispatcher, int round) throws Exception {
        String queue = "bench." + variant + "." + round;
        fill(queue);
        try (Connection connection = broker.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            JmsDeadLetterSink deadLetters = JmsDeadLetterSink.through(session, "bench.dead-letters");
            connection.start();
            long start = System.nanoTime();
            for (int handled = 0; handled < MESSAGES; handled++) {
                Message message = consumer.receive(10_000);
                if (message == null) {
                    throw new IllegalStateException(variant + " round " + round + ": queue ran dry after " + handled);
                }
                jta.transactionManager().begin();
                if (dispatcher != null) {
                    MessageDispatcher.Outcome outcome = dispatcher.dispatch(message, deadLetters);
                    if (outcome != MessageDispatcher.Outcome.HANDLED) {
                        throw new IllegalStateException("unexpected outcome " + outcome);
                    }
                } else {
                    // The same handler, given the payload without any of the consumer's checks.
                    insert(message.getStringProperty(MessageProperties.ID), jsonb.fromJson(((TextMessage) message).getText(), Order.class));
                }
                jta.transactionManager().commit();
                session.commit();
            }
            return MESSAGES / ((System.nanoTime() - start) / 1e9);
        }
    }

    private void fill(String queue) throws Exception {
        try (Connection connection = broker.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < MESSAGES; i++) {
                String order = "order:" + (i % 100);
                Envelope envelope = signing.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "shop.PlaceOrder", queue, order,
                        Payload.json("{\"order\":\"" + order + "\",\"quantity\":" + i + "}"), Map.of(), Instant.now(), null, null, null,
                        "shop", Actor.user("alice", Set.of("customer")), null));
                TextMessage message = session.createTextMessage(envelope.payload().text());
                for (Map.Entry<String, String> property : MessageProperties.of(envelope).entrySet()) {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
                message.setStringProperty("JMSXGroupID", order);
                producer.send(message);
                if (i % 500 == 499) {
                    session.commit();
                }
            }
            session.commit();
        }
    }

    private static void report(Path output, List<Double> outbox, List<Double> bare) throws IOException {
        double outboxMedian = Stats.median(outbox);
        double bareMedian = Stats.median(bare);
        String table = String.format(Locale.ROOT, """
                | consumer | median msg/s | min | max |
                |---|---|---|---|
                | verify + authorize + inbox + handler | %.0f | %.0f | %.0f |
                | handler alone | %.0f | %.0f | %.0f |
                | ratio (target >= 0.8) | %.2f | | |
                """, outboxMedian, Collections.min(outbox), Collections.max(outbox),
                bareMedian, Collections.min(bare), Collections.max(bare), outboxMedian / bareMedian);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("consumer-benchmark.md"), table);
        Files.writeString(output.resolve("consumer-benchmark.json"), String.format(Locale.ROOT,
                "{\"messagesPerRound\":%d,\"rounds\":%d,\"outbox\":%s,\"bare\":%s,\"ratio\":%.3f}%n",
                MESSAGES, outbox.size(), outbox, bare, outboxMedian / bareMedian));
    }

}
