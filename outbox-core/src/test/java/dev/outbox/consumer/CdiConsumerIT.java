package dev.outbox.consumer;

import dev.outbox.ActionKind;
import dev.outbox.OutboxDataSource;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestBroker;
import dev.outbox.testing.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.jms.ConnectionFactory;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumer as a CDI deployment gets it: handlers found by their annotation, a listener
 * subclass, settings from system properties.
 */
class CdiConsumerIT {

    static final String QUEUE = "notification.commands.cdi-it";
    static final AtomicInteger failuresToInject = new AtomicInteger();

    static TestDatabase database;
    static JtaEnvironment jta;
    static ConnectionFactory broker;
    static WeldContainer container;

    /** What a WildFly deployment would provide. */
    @ApplicationScoped
    public static class Resources {
        @Produces
        @OutboxDataSource
        DataSource dataSource() {
            return jta.dataSource();
        }

        @Produces
        ConnectionFactory connectionFactory() {
            return broker;
        }
    }

    @ApplicationScoped
    public static class NotificationHandlers {
        @HandlesMessage(value = "notification.NotifyPlayers", from = "game", consumers = "cdi-notification",
                actions = {ActionKind.USER, ActionKind.PROXIED_USER}, permissions = "player")
        public void notify(ConsumerIT.NotifyPlayers command, ReceivedMessage message) throws SQLException {
            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("not yet");
            }
            try (Connection connection = jta.dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO notification (consumer, message_id, player) VALUES (?, ?, ?)")) {
                insert.setString(1, message.consumer());
                insert.setObject(2, message.id());
                insert.setString(3, command.player() + " by " + message.actor().userId());
                insert.executeUpdate();
            }
        }
    }

    /** Another service of the same deployment handling the same type for its own consumer. */
    @ApplicationScoped
    public static class AuditHandlers {
        @HandlesMessage(value = "notification.NotifyPlayers", from = "game", consumers = "audit")
        public void audit(String payload) {
            throw new AssertionError("the audit handler serves only the consumer 'audit'");
        }
    }

    @ApplicationScoped
    public static class UnscopedDuplicate {
        @HandlesMessage(value = "notification.NotifyPlayers", from = "game")
        public void again(String payload) {
        }
    }

    @Dependent
    public static class NotificationListener extends OutboxMessageListener {
        @Override
        protected String consumerName() {
            return "cdi-notification";
        }
    }

    @ApplicationScoped
    public static class MalformedHandler {
        @HandlesMessage(value = "x.Y", from = "game")
        public void handle(String a, String b) {
        }
    }

    @BeforeAll
    static void start() throws SQLException {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, 4);
        broker = TestBroker.get().connectionFactory();
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS notification (seq bigserial, consumer text, message_id uuid, player text)");
        }
        System.setProperty("outbox.trusted-keys", "game-1:game:" + ConsumerIT.GAME_KEY);
        System.setProperty("outbox.consumer.retry-delay-ms", "5");
        // Discovery finds the outbox's beans and extension, and Narayana's transaction interceptors.
        container = new Weld("outbox-cdi-consumer-it")
                .addBeanClasses(Resources.class, NotificationHandlers.class, AuditHandlers.class, NotificationListener.class)
                .initialize();
    }

    @AfterAll
    static void stop() {
        container.shutdown();
        jta.close();
        System.clearProperty("outbox.trusted-keys");
        System.clearProperty("outbox.consumer.retry-delay-ms");
    }

    @Test
    void listenerDispatchesToTheAnnotatedHandlerOnceThroughAFailure() throws Exception {
        failuresToInject.set(1);
        NotificationListener listener = container.select(NotificationListener.class).get();
        AtomicInteger deliveries = new AtomicInteger();
        try (RelayLikeSender sender = new RelayLikeSender(broker);
             ConsumerLoop loop = new ConsumerLoop(broker, QUEUE, "cdi", (message, deadLetters) -> {
                 deliveries.incrementAndGet();
                 listener.onMessage(message);
                 return null;
             }, jta, ConsumerIT.DEAD_LETTERS, message -> false)) {
            var envelope = ConsumerIT.notifyPlayers("alice");
            sender.send(QUEUE, envelope);
            sender.send(QUEUE, envelope);

            ConsumerIT.await("handled", ConsumerIT.unchecked(() ->
                    ConsumerIT.count("SELECT count(*) FROM notification WHERE consumer = 'cdi-notification'") == 1 && deliveries.get() >= 3));
            Thread.sleep(200);
        }
        assertThat(ConsumerIT.count("SELECT count(*) FROM notification WHERE consumer = 'cdi-notification' AND player = 'alice by alice'"))
                .isEqualTo(1);
        assertThat(deliveries.get()).isEqualTo(3);
    }

    @Test
    void twoHandlersOfOneTypeForTheSameConsumerFailTheDeployment() {
        assertThatThrownBy(() -> new Weld("outbox-cdi-duplicate").disableDiscovery()
                .addExtension(new dev.outbox.internal.HandlerMethods())
                .addBeanClasses(NotificationHandlers.class, UnscopedDuplicate.class)
                .initialize())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("message type notification.NotifyPlayers has two handlers for the same consumer");
    }

    @Test
    void malformedHandlerMethodFailsTheDeployment() {
        assertThatThrownBy(() -> new Weld("outbox-cdi-malformed").disableDiscovery()
                .addExtension(new dev.outbox.internal.HandlerMethods())
                .addBeanClasses(MalformedHandler.class)
                .initialize())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("MalformedHandler.handle: a @HandlesMessage method takes the payload and optionally a ReceivedMessage");
    }
}
