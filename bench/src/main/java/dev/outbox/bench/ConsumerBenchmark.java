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
import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import dev.outbox.testing.TestKeys;

import jakarta.jms.Connection;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Handler throughput with the full consumer (signature check, policy, inbox) against the same
 * handler without it, in the same run, on a real PostgreSQL and an Artemis broker in its own
 * process, as in production: the cost the consumer adds to a handler that writes one row.
 *
 * <p>Each round drains a queue of {@value #MESSAGES} messages with 1, 2 or 4 consumer threads
 * (an MDB's sessions), each message in its own JTA transaction followed by the JMS commit, as an
 * MDB with container-managed transactions does. Rounds alternate between the two variants after
 * a warm-up. The consumers listen before the queue is filled; the messages carry 100 ordering
 * keys, so the broker's message groups spread them over the consumers while each key stays with one.
 * The build configures the broker for the framework's consumers on the benchmark's addresses: no
 * redelivery delay, no dead-lettering by the broker.
 */
public final class ConsumerBenchmark {

    static final int MESSAGES = 4_000;
    static final int ROUNDS = 5;
    static final int[] CONSUMERS = {1, 2, 4};

    public record Order(String order, int quantity) {
    }

    private final TestDatabase database = TestDatabase.get();
    private final JtaEnvironment jta = new JtaEnvironment(database, 4);
    private final ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(ArtemisBroker.get().url());
    private final String key = TestKeys.hmacKey();
    private final SigningKey signing = SigningKey.parse("shop-1", key);
    private final Jsonb jsonb = JsonbBuilder.create();

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "target");
        ConsumerBenchmark benchmark = new ConsumerBenchmark();
        try {
            benchmark.run(output);
        } finally {
            benchmark.broker.close();
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
        round("outbox", dispatcher, 0, 1);
        round("bare", null, 0, 1);
        Map<Integer, List<Double>> outbox = new LinkedHashMap<>();
        Map<Integer, List<Double>> bare = new LinkedHashMap<>();
        for (int consumers : CONSUMERS) {
            for (int round = 1; round <= ROUNDS; round++) {
                double withOutbox = round("outbox", dispatcher, round, consumers);
                double alone = round("bare", null, round, consumers);
                outbox.computeIfAbsent(consumers, c -> new ArrayList<>()).add(withOutbox);
                bare.computeIfAbsent(consumers, c -> new ArrayList<>()).add(alone);
                System.out.printf(Locale.ROOT, "%d consumer(s), round %d: outbox %.0f msg/s, bare %.0f msg/s%n", consumers, round, withOutbox, alone);
            }
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

    /** @return messages handled per second by {@code consumers} threads draining one queue */
    private double round(String variant, MessageDispatcher dispatcher, int round, int consumers) throws Exception {
        String queue = "bench." + variant + "." + consumers + "." + round;
        AtomicInteger left = new AtomicInteger(MESSAGES);
        CountDownLatch listening = new CountDownLatch(consumers);
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        try {
            List<Future<?>> drains = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                drains.add(threads.submit(() -> {
                    drain(queue, dispatcher, left, listening);
                    return null;
                }));
            }
            // Every consumer listens before the first message, as an MDB's sessions do: a consumer
            // that came first to a full queue would take every group (each key stays with the
            // consumer that got its first message) and leave the others idle.
            listening.await();
            long start = System.nanoTime();
            fill(queue);
            for (Future<?> drain : drains) {
                drain.get();
            }
            return MESSAGES / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    /** One consumer: takes messages until the round's count is reached; another consumer may take the last ones. */
    private void drain(String queue, MessageDispatcher dispatcher, AtomicInteger left, CountDownLatch listening) throws Exception {
        try (Connection connection = broker.createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            JmsDeadLetterSink deadLetters = JmsDeadLetterSink.through(session, "bench.dead-letters");
            connection.start();
            listening.countDown();
            while (left.get() > 0) {
                Message message = consumer.receive(200);
                if (message == null) {
                    continue;
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
                left.decrementAndGet();
            }
        }
    }

    private void fill(String queue) throws Exception {
        try (Connection connection = broker.createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD)) {
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

    private static void report(Path output, Map<Integer, List<Double>> outbox, Map<Integer, List<Double>> bare) throws IOException {
        StringBuilder table = new StringBuilder("""
                | consumers | verify + authorize + inbox + handler, median msg/s | min | max | handler alone, median msg/s | min | max | ratio (target >= 0.8) |
                |---|---|---|---|---|---|---|---|
                """);
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"messagesPerRound\":%d,\"rounds\":%d", MESSAGES, ROUNDS));
        for (int consumers : outbox.keySet()) {
            List<Double> with = outbox.get(consumers);
            List<Double> alone = bare.get(consumers);
            double ratio = Stats.median(with) / Stats.median(alone);
            table.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f |%n", consumers,
                    Stats.median(with), Collections.min(with), Collections.max(with),
                    Stats.median(alone), Collections.min(alone), Collections.max(alone), ratio));
            json.append(String.format(Locale.ROOT, ",\"consumers%d\":{\"outbox\":%s,\"bare\":%s,\"ratio\":%.3f}", consumers, with, alone, ratio));
        }
        json.append("}\n");
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("consumer-benchmark.md"), table);
        Files.writeString(output.resolve("consumer-benchmark.json"), json);
    }

}
