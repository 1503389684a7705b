package dev.outbox.consumer;

import dev.outbox.Actor;
import dev.outbox.MessageKind;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageIds;
import dev.outbox.envelope.Payload;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestBroker;
import dev.outbox.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.ConnectionFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Competing consumers keep each key's order and handle every message once. */
class OrderedConsumptionIT {

    static final int MESSAGES = 10_000;
    static final int KEYS = 50;
    static final int CONSUMERS = 4;
    static final String QUEUE = "shop.orders.ordered-it";
    static final String CONSUMER = "shop-ordered-it";

    public record Step(String order, int sequence) {
    }

    static TestDatabase database;
    static JtaEnvironment jta;
    static ConnectionFactory broker;

    @BeforeAll
    static void start() throws SQLException {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, CONSUMERS * 2);
        broker = TestBroker.get().connectionFactory();
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS order_step; CREATE TABLE order_step (seq bigserial, order_key text, step int)");
        }
    }

    @AfterAll
    static void stop() {
        jta.close();
    }

    @Test
    void tenThousandMessagesOverFiftyKeysAreHandledOnceEachAndInOrderPerKey() throws Exception {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        Handlers handlers = Handlers.builder()
                .on("shop.Step", Step.class, HandlerPolicy.from("game"), (step, message) -> {
                    // Every 97th message fails on its first attempt: a retry must not let the key's next message pass it.
                    if (step.sequence() % 97 == 0 && failedOnce.add(message.id().toString())) {
                        throw new IllegalStateException("transient failure");
                    }
                    try (Connection connection = jta.dataSource().getConnection();
                         PreparedStatement insert = connection.prepareStatement("INSERT INTO order_step (order_key, step) VALUES (?, ?)")) {
                        insert.setString(1, step.order());
                        insert.setInt(2, step.sequence());
                        insert.executeUpdate();
                    }
                })
                .build();
        MessageDispatcher dispatcher = MessageDispatcher.builder().consumer(CONSUMER).handlers(handlers).verifier(ConsumerIT.VERIFIER)
                .dataSource(jta.dataSource()).transactionRegistry(jta.registry()).newTransactionsFrom(jta.transactionManager())
                .retryDelay(Duration.ofMillis(5), Duration.ofMillis(50)).build();
        List<ConsumerLoop> loops = new ArrayList<>();
        try (RelayLikeSender sender = new RelayLikeSender(broker, true)) {
            for (int i = 0; i < CONSUMERS; i++) {
                loops.add(new ConsumerLoop(broker, QUEUE, dispatcher, jta, ConsumerIT.DEAD_LETTERS));
            }
            for (int i = 0; i < MESSAGES; i++) {
                String order = "order:" + (i % KEYS);
                Envelope envelope = ConsumerIT.GAME.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "shop.Step", QUEUE, order,
                        Payload.json("{\"order\":\"" + order + "\",\"sequence\":" + (i / KEYS) + "}"), Map.of(), Instant.now(), null,
                        null, null, "game", Actor.system(), null));
                sender.send(QUEUE, envelope);
                if (i % 50 == 0) {
                    sender.send(QUEUE, envelope); // a resend the broker did not catch
                }
                if (i % 100 == 99) {
                    sender.commit();
                }
            }
            sender.commit();
            ConsumerIT.await("all handled", ConsumerIT.unchecked(() -> ConsumerIT.count("SELECT count(*) FROM order_step") >= MESSAGES));
            Thread.sleep(500); // let any late duplicate show itself
        } finally {
            for (ConsumerLoop loop : loops) {
                loop.close();
            }
        }

        Map<String, List<Integer>> stepsByKey = new HashMap<>();
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT order_key, step FROM order_step ORDER BY seq")) {
            while (result.next()) {
                stepsByKey.computeIfAbsent(result.getString(1), k -> new ArrayList<>()).add(result.getInt(2));
            }
        }
        assertThat(stepsByKey).hasSize(KEYS);
        List<Integer> expected = java.util.stream.IntStream.range(0, MESSAGES / KEYS).boxed().toList();
        stepsByKey.forEach((key, steps) -> assertThat(steps).as("steps of %s in handling order", key).isEqualTo(expected));
        assertThat(loops).allSatisfy(loop -> assertThat(loop.outcomes()).isNotEmpty());
        assertThat(DeadLetters.at(broker, ConsumerIT.DEAD_LETTERS).list(CONSUMER)).isEmpty();
    }
}
