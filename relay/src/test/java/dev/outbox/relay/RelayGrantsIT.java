package dev.outbox.relay;

import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.relay.testing.RelayFixture;
import dev.outbox.testing.TestDatabase;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay runs with the grants its README lists and no more: a database role with REPLICATION
 * that owns the outbox table but is no superuser, and a broker user that may only send (and create
 * addresses and queues on first use).
 */
class RelayGrantsIT {

    private static RelayFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new RelayFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void relayWorksWithAReplicationRoleOwningTheTableAndASendOnlyBrokerUser() throws Exception {
        try (var connection = fixture.database().adminConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT r.rolsuper, r.rolreplication, t.tableowner FROM pg_roles r, pg_tables t"
                     + " WHERE r.rolname = '" + TestDatabase.APP_USER + "' AND t.schemaname = 'public' AND t.tablename = 'outbox_message'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean(1)).as("superuser").isFalse();
            assertThat(rows.getBoolean(2)).as("replication").isTrue();
            assertThat(rows.getString(3)).as("owner of the outbox table").isEqualTo(TestDatabase.APP_USER);
        }
        Map<String, String> settings = fixture.relaySettings("relay_grants");
        settings.put("OUTBOX_BROKER_USER", ArtemisBroker.SENDER_USER);
        settings.put("OUTBOX_BROKER_PASSWORD", ArtemisBroker.SENDER_PASSWORD);
        String queue = "grants-" + UUID.randomUUID();
        String topic = "grants-events-" + UUID.randomUUID();

        try (Relay relay = Relay.start(RelayConfig.of(settings));
             Session session = fixture.session();
             MessageConsumer events = session.createConsumer(session.createTopic(topic))) {
            String command = UUID.randomUUID().toString();
            String event = UUID.randomUUID().toString();
            fixture.sql("INSERT INTO outbox_message (id, destination, message_key, message_type, payload) VALUES ('"
                    + command + "', '" + queue + "', 'k:1', 'grant.check', '{}')");
            fixture.sql("INSERT INTO outbox_message (id, message_kind, destination, message_key, message_type, payload) VALUES ('"
                    + event + "', 'EVENT', '" + topic + "', 'k:1', 'grant.checked', '{}')");
            try (MessageConsumer commands = session.createConsumer(session.createQueue(queue))) {
                jakarta.jms.Message received = commands.receive(10_000);
                assertThat(received).as("command sent by the send-only user").isNotNull();
                assertThat(received.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(command);
            }
            jakarta.jms.Message received = events.receive(10_000);
            assertThat(received).as("event sent by the send-only user").isNotNull();
            assertThat(received.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(event);
            RelayOpsIT.awaitRelayed(relay, 2);
        }

        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(ArtemisBroker.get().url());
             Connection sender = factory.createConnection(ArtemisBroker.SENDER_USER, ArtemisBroker.SENDER_PASSWORD);
             Session session = sender.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)))
                    .as("the relay's broker user may not consume").isInstanceOf(JMSSecurityException.class);
        }
    }

    /**
     * The set-up of docker/compose.yml: the application role owns the table, an administrator made
     * the publication, and the relay's role has REPLICATION, SELECT on the table and may create its
     * offset table, but owns nothing.
     */
    @Test
    void relayWorksWithoutOwningTheTableWhenThePublicationExists() throws Exception {
        fixture.adminSql("DROP ROLE IF EXISTS relay_reader");
        fixture.adminSql("CREATE ROLE relay_reader LOGIN REPLICATION NOSUPERUSER PASSWORD 'relay_reader'");
        fixture.adminSql("CREATE PUBLICATION relay_not_owner FOR TABLE outbox_message");
        fixture.adminSql("GRANT SELECT ON outbox_message TO relay_reader");
        fixture.adminSql("GRANT CREATE ON SCHEMA public TO relay_reader");
        Map<String, String> settings = fixture.relaySettings("relay_not_owner");
        settings.put("OUTBOX_DB_USER", "relay_reader");
        settings.put("OUTBOX_DB_PASSWORD", "relay_reader");
        settings.put("OUTBOX_DEBEZIUM_PUBLICATION_AUTOCREATE_MODE", "disabled");
        // Its own offset table: the one the other relays of this database share belongs to their role.
        settings.put("OUTBOX_RELAY_OFFSET_TABLE", "relay_reader_offset");
        String queue = "not-owner-" + UUID.randomUUID();

        try (Relay relay = Relay.start(RelayConfig.of(settings));
             Session session = fixture.session();
             MessageConsumer commands = session.createConsumer(session.createQueue(queue))) {
            String id = UUID.randomUUID().toString();
            fixture.sql("INSERT INTO outbox_message (id, destination, message_key, message_type, payload) VALUES ('"
                    + id + "', '" + queue + "', 'k:1', 'grant.check', '{}')");

            jakarta.jms.Message received = commands.receive(15_000);
            assertThat(received).as("entry relayed by a role that owns nothing").isNotNull();
            assertThat(received.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(id);
        }
    }
}
