package dev.outbox.relay.testing;

import dev.outbox.CaptureMode;
import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;
import dev.outbox.envelope.EnvelopeVerifier;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.envelope.TrustedKey;
import dev.outbox.relay.Relay;
import dev.outbox.relay.RelayConfig;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import dev.outbox.testing.TestKeys;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a relay test needs: the test database (the application role may replicate, as the
 * relay's role must), the broker, outboxes writing in each capture mode through the real API, and
 * consumers. One per test class.
 */
public final class RelayFixture implements AutoCloseable {

    public static final String SERVICE = "game";
    public static final String KEY_ID = "game-1";

    private final TestDatabase database = TestDatabase.get();
    private final ArtemisBroker broker = ArtemisBroker.get();
    private final JtaEnvironment jta;
    private final String signingKey = TestKeys.hmacKey();
    private final ActiveMQConnectionFactory consumerFactory;
    private final Connection consumerConnection;

    public RelayFixture() throws SQLException, JMSException {
        this(4);
    }

    /**
     * @param connections the size of the JTA datasource's pool: at least the number of threads that
     *                    hold a transaction at once, so that none waits for a connection
     */
    public RelayFixture(int connections) throws SQLException, JMSException {
        jta = new JtaEnvironment(database, connections);
        try (var connection = database.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + TestDatabase.APP_USER + " REPLICATION");
        }
        consumerFactory = new ActiveMQConnectionFactory(broker.url());
        consumerConnection = consumerFactory.createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD);
        consumerConnection.start();
    }

    /** @return settings of a relay with the given name against the test database and broker */
    public Map<String, String> relaySettings(String relayName) {
        Map<String, String> settings = new HashMap<>();
        settings.put("OUTBOX_DB_URL", database.jdbcUrl());
        settings.put("OUTBOX_DB_USER", TestDatabase.APP_USER);
        settings.put("OUTBOX_DB_PASSWORD", TestDatabase.APP_PASSWORD);
        settings.put("OUTBOX_BROKER_URL", broker.url());
        settings.put("OUTBOX_BROKER_USER", ArtemisBroker.USER);
        settings.put("OUTBOX_BROKER_PASSWORD", ArtemisBroker.PASSWORD);
        settings.put("OUTBOX_RELAY_NAME", relayName);
        settings.put("OUTBOX_HTTP_PORT", "0");
        return settings;
    }

    public Relay startRelay(String relayName) {
        return Relay.start(RelayConfig.of(relaySettings(relayName)));
    }

    public Outbox outbox(CaptureMode mode, boolean deleteAfterInsert) {
        return Outbox.builder()
                .settings(OutboxSettings.builder()
                        .serviceName(SERVICE)
                        .signingKey(KEY_ID, signingKey)
                        .captureMode(mode)
                        .deleteAfterInsert(deleteAfterInsert)
                        .build())
                .dataSource(jta.dataSource())
                .transactionRegistry(jta.registry())
                .build();
    }

    public JtaEnvironment jta() {
        return jta;
    }

    public TestDatabase database() {
        return database;
    }

    /** Runs SQL as the application role, in autocommit. */
    public void sql(String sql) throws SQLException {
        try (var connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs SQL as the superuser, in autocommit; for test set-up only. */
    public void adminSql(String sql) throws SQLException {
        try (var connection = database.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public EnvelopeVerifier verifier() {
        return EnvelopeVerifier.of(List.of(TrustedKey.parse(KEY_ID, SERVICE, signingKey)));
    }

    public jakarta.jms.Session session() throws JMSException {
        return consumerConnection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
    }

    /** @return a new, started connection to the broker, for tests that outlive a broker restart */
    public Connection openConnection() throws JMSException {
        Connection connection = consumerFactory.createConnection(ArtemisBroker.USER, ArtemisBroker.PASSWORD);
        connection.start();
        return connection;
    }

    /** @return the answer to {@code GET http://127.0.0.1:port/path} */
    public static java.net.http.HttpResponse<String> httpGet(int port, String path) throws java.io.IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(10)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** @return the messages received until {@code count} arrived or nothing came for {@code quietMs} */
    public static List<Message> receive(jakarta.jms.MessageConsumer consumer, int count, long quietMs) throws JMSException {
        List<Message> messages = new java.util.ArrayList<>();
        while (messages.size() < count) {
            Message message = consumer.receive(quietMs);
            if (message == null) {
                break;
            }
            messages.add(message);
        }
        return messages;
    }

    /**
     * Receives until every expected id arrived or the time is up, then for a further second to catch
     * duplicates.
     *
     * @return the {@code _AMQ_DUPL_ID} of every message received, in order
     */
    public static List<String> receiveIds(jakarta.jms.MessageConsumer consumer, java.util.Collection<String> expected, long timeoutMs)
            throws JMSException {
        java.util.Set<String> missing = new java.util.HashSet<>(expected);
        List<String> ids = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
            Message message = consumer.receive(Math.max(1, Math.min(1_000, deadline - System.currentTimeMillis())));
            if (message != null) {
                String id = message.getStringProperty("_AMQ_DUPL_ID");
                ids.add(id);
                missing.remove(id);
            }
        }
        for (Message message = consumer.receive(1_000); message != null; message = consumer.receive(1_000)) {
            ids.add(message.getStringProperty("_AMQ_DUPL_ID"));
        }
        return ids;
    }

    /** @return the string properties of a received message */
    public static Map<String, Object> properties(Message message) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put(name.toString(), message.getObjectProperty(name.toString()));
        }
        return properties;
    }

    /** @return the body's bytes, UTF-8 for a text message */
    public static byte[] body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText().getBytes(StandardCharsets.UTF_8);
        }
        BytesMessage bytes = (BytesMessage) message;
        bytes.reset();
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return body;
    }

    /** @return the envelope a consumer rebuilds from the message */
    public static dev.outbox.envelope.Envelope envelope(Message message) throws JMSException {
        return MessageProperties.toEnvelope(properties(message), body(message));
    }

    @Override
    public void close() throws JMSException {
        consumerConnection.close();
        consumerFactory.close();
        jta.close();
    }
}
