package dev.outbox.consumer;

import dev.outbox.ActionKind;
import dev.outbox.Actor;
import dev.outbox.MessageKind;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import jakarta.jms.ConnectionFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.outbox.consumer.MessageDispatcher.Outcome.DUPLICATE;
import static dev.outbox.consumer.MessageDispatcher.Outcome.HANDLED;
import static org.assertj.core.api.Assertions.assertThat;

/** The consumer side against a real PostgreSQL, a real Artemis broker and real JTA transactions. */
class ConsumerIT {

    static final String DEAD_LETTERS = "outbox.dead-letters";
    static final String GAME_KEY = TestKeys.hmacKey();
    static final String SCHEDULER_KEY = TestKeys.hmacKey();
    static final SigningKey GAME = SigningKey.parse("game-1", GAME_KEY);
    static final SigningKey SCHEDULER = SigningKey.parse("scheduler-1", SCHEDULER_KEY);
    static final EnvelopeVerifier VERIFIER = EnvelopeVerifier.of(List.of(
            TrustedKey.parse("game-1", "game", GAME_KEY), TrustedKey.parse("scheduler-1", "scheduler", SCHEDULER_KEY)));

    public record NotifyPlayers(long gameId, String player) {
    }

    static TestDatabase database;
    static JtaEnvironment jta;
    static ConnectionFactory broker;

    String queue;
    String consumerName;
    final AtomicInteger failuresToInject = new AtomicInteger();
    final AtomicBoolean bobAlwaysFails = new AtomicBoolean();
    final List<ConsumerLoop> loops = new ArrayList<>();
    RelayLikeSender sender;

    @BeforeAll
    static void start() throws SQLException {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, 8);
        broker = TestBroker.get().connectionFactory();
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS notification (seq bigserial, consumer text, message_id uuid, player text)");
        }
    }

    @AfterAll
    static void stop() {
        jta.close();
    }

    @BeforeEach
    void names(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        queue = "notification.commands." + name;
        consumerName = "notification-" + name;
        sender = new RelayLikeSender(broker);
    }

    @AfterEach
    void stopConsumers() throws Exception {
        for (ConsumerLoop loop : loops) {
            loop.close();
        }
        sender.close();
    }

    MessageDispatcher dispatcher(int maxAttempts) {
        Handlers handlers = Handlers.builder()
                .on("notification.NotifyPlayers", NotifyPlayers.class,
                        HandlerPolicy.from("game").actions(ActionKind.USER, ActionKind.PROXIED_USER).permissions("player"),
                        (command, message) -> notify(message, command.player()))
                .on("notification.Broadcast", String.class,
                        HandlerPolicy.from("scheduler").actions(ActionKind.SYSTEM),
                        (text, message) -> notify(message, "everyone"))
                .build();
        return MessageDispatcher.builder().consumer(consumerName).handlers(handlers).verifier(VERIFIER)
                .dataSource(jta.dataSource()).transactionRegistry(jta.registry())
                .newTransactionsFrom(jta.transactionManager()).maxAttempts(maxAttempts)
                .retryDelay(Duration.ofMillis(10), Duration.ofMillis(100)).build();
    }

    void notify(ReceivedMessage message, String player) throws SQLException {
        if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || (bobAlwaysFails.get() && player.equals("bob"))) {
            throw new IllegalStateException("notification service unavailable for " + player);
        }
        try (Connection connection = jta.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO notification (consumer, message_id, player) VALUES (?, ?, ?)")) {
            insert.setString(1, message.consumer());
            insert.setObject(2, message.id());
            insert.setString(3, player);
            insert.executeUpdate();
        }
    }

    ConsumerLoop consume(int maxAttempts) throws Exception {
        ConsumerLoop loop = new ConsumerLoop(broker, queue, dispatcher(maxAttempts), jta, DEAD_LETTERS);
        loops.add(loop);
        return loop;
    }

    static Envelope notifyPlayers(String key, String player, Actor actor, SigningKey key1) {
        Envelope unsigned = new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.NotifyPlayers", "notification.commands",
                key, Payload.json("{\"gameId\":42,\"player\":\"" + player + "\"}"), Map.of(), Instant.now(), null, null, null,
                key1 == SCHEDULER ? "scheduler" : "game", actor, null);
        return key1 == null ? unsigned : key1.sign(unsigned);
    }

    static Envelope notifyPlayers(String player) {
        return notifyPlayers("game:42", player, Actor.user(player, Set.of("player")), GAME);
    }

    List<String> notifiedPlayers() throws SQLException {
        List<String> players = new ArrayList<>();
        try (Connection connection = database.appConnection();
             PreparedStatement select = connection.prepareStatement("SELECT player FROM notification WHERE consumer = ? ORDER BY seq")) {
            select.setString(1, consumerName);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    players.add(result.getString(1));
                }
            }
        }
        return players;
    }

    List<DeadLetters.Entry> deadLetters() {
        return DeadLetters.at(broker, DEAD_LETTERS).list(consumerName);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static BooleanSupplier unchecked(java.util.concurrent.Callable<Boolean> condition) {
        return () -> {
            try {
                return condition.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void messageDeliveredFiveTimesIsHandledOnce() throws Exception {
        ConsumerLoop loop = consume(5);
        Envelope envelope = notifyPlayers("alice");

        for (int i = 0; i < 5; i++) {
            sender.send(queue, envelope);
        }

        await("five deliveries", () -> loop.outcomes().size() == 5);
        assertThat(loop.outcomes()).containsExactly(HANDLED, DUPLICATE, DUPLICATE, DUPLICATE, DUPLICATE);
        assertThat(notifiedPlayers()).containsExactly("alice");
    }

    @Test
    void inboxRecordsWhichMessageMadeTheConsumerActAndForWhom() throws Exception {
        ConsumerLoop loop = consume(5);
        UUID conversation = MessageIds.next();
        UUID cause = MessageIds.next();
        Envelope envelope = GAME.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.NotifyPlayers",
                "notification.commands", "game:42", Payload.json("{\"gameId\":42,\"player\":\"alice\"}"), Map.of(), Instant.now(),
                null, conversation, cause, "game", Actor.proxiedUser("alice", Set.of("player", "captain")), null));

        sender.send(queue, envelope);

        await("handled", () -> loop.outcomes().contains(HANDLED));
        try (Connection connection = database.appConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT message_type, sender_service, actor_kind, actor_user, actor_permissions, correlation_id, causation_id, handled_at"
                        + " FROM outbox_inbox WHERE consumer = ? AND message_id = ?")) {
            select.setString(1, consumerName);
            select.setObject(2, envelope.id());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("inbox row of the handled message").isTrue();
                assertThat(row.getString("message_type")).isEqualTo("notification.NotifyPlayers");
                assertThat(row.getString("sender_service")).isEqualTo("game");
                assertThat(row.getString("actor_kind")).isEqualTo("PROXIED_USER");
                assertThat(row.getString("actor_user")).isEqualTo("alice");
                assertThat((String[]) row.getArray("actor_permissions").getArray()).containsExactly("captain", "player");
                assertThat(row.getObject("correlation_id", UUID.class)).isEqualTo(conversation);
                assertThat(row.getObject("causation_id", UUID.class)).isEqualTo(cause);
                assertThat(row.getTimestamp("handled_at")).isNotNull();
            }
        }
    }

    @Test
    void inboxOfASystemActionNamesNoUser() throws Exception {
        ConsumerLoop loop = consume(5);
        Envelope broadcast = SCHEDULER.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.Broadcast",
                "notification.commands", "broadcast:1", Payload.of("text/plain", "maintenance".getBytes()), Map.of(), Instant.now(),
                null, null, null, "scheduler", Actor.system(), null));

        sender.send(queue, broadcast);

        await("handled", () -> loop.outcomes().contains(HANDLED));
        assertThat(count("SELECT count(*) FROM outbox_inbox WHERE consumer = '" + consumerName + "' AND message_id = '" + broadcast.id()
                + "' AND sender_service = 'scheduler' AND actor_kind = 'SYSTEM' AND actor_user IS NULL AND actor_permissions = '{}'"))
                .as("recorded as the scheduler's system action, for nobody").isEqualTo(1);
    }

    @Test
    void messageRedeliveredFiveTimesAfterLostAcknowledgementsIsHandledOnce() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        ConsumerLoop loop = new ConsumerLoop(broker, queue, dispatcher(5), jta, DEAD_LETTERS, message -> deliveries.incrementAndGet() < 5);
        loops.add(loop);

        sender.send(queue, notifyPlayers("alice"));

        await("five deliveries", () -> loop.outcomes().size() == 5);
        assertThat(loop.outcomes()).containsExactly(HANDLED, DUPLICATE, DUPLICATE, DUPLICATE, DUPLICATE);
        assertThat(notifiedPlayers()).containsExactly("alice");
    }

    @Test
    void handlerFailingThreeTimesThenSucceedingIsHandledOnce() throws Exception {
        failuresToInject.set(3);
        ConsumerLoop loop = consume(5);

        sender.send(queue, notifyPlayers("alice"));

        await("handled", () -> loop.outcomes().contains(HANDLED));
        assertThat(notifiedPlayers()).containsExactly("alice");
        assertThat(deadLetters()).isEmpty();
        assertThat(count("SELECT count(*) FROM outbox_consumer_failure WHERE consumer = '" + consumerName + "'")).isZero();
    }

    @Test
    void handlerThatKeepsFailingIsDeadLetteredWithItsLastError() throws Exception {
        bobAlwaysFails.set(true);
        consume(3);
        Envelope envelope = notifyPlayers("bob");

        sender.send(queue, envelope);

        await("dead letter", () -> !deadLetters().isEmpty());
        DeadLetters.Entry letter = deadLetters().get(0);
        assertThat(letter.reason()).isEqualTo("handler-failed");
        assertThat(letter.messageId()).isEqualTo(envelope.id().toString());
        assertThat(letter.error()).contains("failed 3 attempts").contains("notification service unavailable for bob");
        assertThat(notifiedPlayers()).isEmpty();
    }

    @Test
    void forgedMessageIsDeadLetteredForItsSignature() throws Exception {
        consume(5);

        sender.send(queue, notifyPlayers("game:42", "mallory", Actor.user("mallory", Set.of("player")),
                SigningKey.parse("game-1", TestKeys.hmacKey())));

        assertDeadLetteredOnly("signature");
    }

    @Test
    void tamperedMessageIsDeadLetteredForItsSignature() throws Exception {
        consume(5);

        sender.send(queue, notifyPlayers("alice"), (destination, message) -> {
            try {
                message.setStringProperty(MessageProperties.ACTOR_PERMISSIONS, "admin,player");
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        assertDeadLetteredOnly("signature");
    }

    @Test
    void unsignedMessageIsDeadLetteredForItsSignature() throws Exception {
        consume(5);

        sender.send(queue, notifyPlayers("game:42", "alice", Actor.user("alice", Set.of("player")), null));

        assertDeadLetteredOnly("signature");
    }

    @Test
    void messageFromAServiceThePolicyDoesNotNameIsUnauthorized() throws Exception {
        consume(5);

        sender.send(queue, notifyPlayers("game:42", "alice", Actor.user("alice", Set.of("player")), SCHEDULER));

        assertDeadLetteredOnly("unauthorized");
    }

    @Test
    void systemActionCannotBorrowUserPermissions() throws Exception {
        consume(5);

        sender.send(queue, notifyPlayers("game:42", "alice", Actor.system(), GAME));

        assertDeadLetteredOnly("unauthorized");
    }

    @Test
    void userWithoutTheRequiredPermissionIsUnauthorized() throws Exception {
        consume(5);

        sender.send(queue, notifyPlayers("game:42", "eve", Actor.user("eve", Set.of("spectator")), GAME));

        assertDeadLetteredOnly("unauthorized");
        assertThat(deadLetters().get(0).error()).contains("lacks permissions [player]");
    }

    @Test
    void userActionCannotClaimSystemPrivileges() throws Exception {
        consume(5);
        Envelope broadcast = SCHEDULER.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.Broadcast",
                "notification.commands", "broadcast:1", Payload.of("text/plain", "maintenance".getBytes()), Map.of(), Instant.now(),
                null, null, null, "scheduler", Actor.user("alice", Set.of("player")), null));

        sender.send(queue, broadcast);

        assertDeadLetteredOnly("unauthorized");
    }

    @Test
    void systemActionIsHandledWhereThePolicyAcceptsIt() throws Exception {
        ConsumerLoop loop = consume(5);
        Envelope broadcast = SCHEDULER.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.Broadcast",
                "notification.commands", "broadcast:1", Payload.of("text/plain", "maintenance".getBytes()), Map.of(), Instant.now(),
                null, null, null, "scheduler", Actor.system(), null));

        sender.send(queue, broadcast);

        await("handled", () -> loop.outcomes().contains(HANDLED));
        assertThat(notifiedPlayers()).containsExactly("everyone");
    }

    @Test
    void messageThatIsNoOutboxMessageIsMalformed() throws Exception {
        consume(5);

        sender.sendRaw(queue, "{\"hello\":1}", Map.of("origin", "somewhere else"));

        assertDeadLetteredOnly("malformed");
    }

    @Test
    void payloadThatDoesNotFitTheHandlerIsMalformed() throws Exception {
        consume(5);
        Envelope envelope = GAME.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.NotifyPlayers",
                "notification.commands", "game:42", Payload.json("{\"gameId\":\"not a number\"}"), Map.of(), Instant.now(),
                null, null, null, "game", Actor.user("alice", Set.of("player")), null));

        sender.send(queue, envelope);

        assertDeadLetteredOnly("malformed");
    }

    @Test
    void messageOfAnUnknownTypeIsDeadLettered() throws Exception {
        consume(5);
        Envelope envelope = GAME.sign(new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.Unheard",
                "notification.commands", "game:42", Payload.json("{}"), Map.of(), Instant.now(),
                null, null, null, "game", Actor.user("alice", Set.of("player")), null));

        sender.send(queue, envelope);

        assertDeadLetteredOnly("unknown-type");
    }

    @Test
    void deadLetterParksItsKeyUntilReplayedThenTheKeyIsHandledInOrder() throws Exception {
        bobAlwaysFails.set(true);
        ConsumerLoop loop = consume(2);
        Envelope bob = notifyPlayers("bob");
        Envelope alice = notifyPlayers("alice");
        Envelope otherGame = notifyPlayers("game:7", "carol", Actor.user("carol", Set.of("player")), GAME);

        sender.send(queue, bob);
        sender.send(queue, alice);
        sender.send(queue, otherGame);

        await("two dead letters", () -> deadLetters().size() == 2);
        await("the other key handled", unchecked(() -> notifiedPlayers().contains("carol")));
        assertThat(deadLetters()).extracting(DeadLetters.Entry::messageId, DeadLetters.Entry::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bob.id().toString(), "handler-failed"),
                        org.assertj.core.groups.Tuple.tuple(alice.id().toString(), "key-parked"));
        assertThat(notifiedPlayers()).containsExactly("carol");

        bobAlwaysFails.set(false);
        int replayed = DeadLetters.at(broker, DEAD_LETTERS).replayKey(consumerName, "game:42");

        assertThat(replayed).isEqualTo(2);
        await("replayed messages handled", unchecked(() -> notifiedPlayers().size() == 3));
        assertThat(notifiedPlayers()).containsExactly("carol", "bob", "alice");
        assertThat(deadLetters()).isEmpty();
        assertThat(count("SELECT count(*) FROM outbox_parked_key WHERE consumer = '" + consumerName + "'")).isZero();
        assertThat(loop.outcomes()).filteredOn(o -> o == HANDLED).hasSize(3);
    }

    @Test
    void replayedDeadLetterIsHandledOnce() throws Exception {
        ConsumerLoop loop = consume(5);
        sender.send(queue, notifyPlayers("alice"));
        await("handled", () -> loop.outcomes().contains(HANDLED));
        sender.send(queue, notifyPlayers("game:9", "dave", Actor.user("dave", Set.of("player")), GAME));
        await("second handled", unchecked(() -> notifiedPlayers().size() == 2));

        // A message that was handled, then dead-lettered anyway by an operator's mistake, then replayed twice.
        Envelope handled = notifyPlayers("game:9", "erin", Actor.user("erin", Set.of("player")), GAME);
        sender.send(queue, handled);
        await("third handled", unchecked(() -> notifiedPlayers().size() == 3));
        sender.send(DEAD_LETTERS, handled, (destination, message) -> {
            try {
                message.setStringProperty(DeadLetterProperties.CONSUMER, consumerName);
                message.setStringProperty(DeadLetterProperties.ORIGIN, queue);
                message.setBooleanProperty(DeadLetterProperties.ORIGIN_IS_TOPIC, false);
                message.setStringProperty(DeadLetterProperties.REASON, "handler-failed");
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(DeadLetters.at(broker, DEAD_LETTERS).replay(consumerName, handled.id())).isEqualTo(1);

        await("replay delivered", () -> loop.outcomes().contains(DUPLICATE));
        assertThat(notifiedPlayers()).containsExactly("alice", "dave", "erin");
    }

    void assertDeadLetteredOnly(String reason) throws Exception {
        await("dead letter", () -> !deadLetters().isEmpty());
        assertThat(deadLetters()).hasSize(1).first().extracting(DeadLetters.Entry::reason).isEqualTo(reason);
        assertThat(notifiedPlayers()).isEmpty();
    }

    static long count(String sql) throws SQLException {
        try (Connection connection = TestDatabase.get().appConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
