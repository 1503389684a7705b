package dev.outbox.testing;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Artemis broker inside the test JVM (persistent journal, duplicate detection, message
 * groups), reached through the in-VM transport. Broker-process behaviour (crashes, restarts) is
 * tested with a broker of its own in the relay's tests.
 */
public final class TestBroker {

    private static TestBroker instance;

    private final EmbeddedActiveMQ server;

    private TestBroker(EmbeddedActiveMQ server) {
        this.server = server;
    }

    public static synchronized TestBroker get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-broker-stop"));
        }
        return instance;
    }

    private static TestBroker start() {
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "artemis-" + ProcessHandle.current().pid());
        Configuration configuration = new ConfigurationImpl()
                .setName("outbox-test-broker")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .setSecurityEnabled(false)
                .setIDCacheSize(200_000)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(), Map.of("serverId", 0)))
                .addAddressSetting("#", new AddressSettings()
                        .setAutoCreateQueues(true)
                        .setAutoCreateAddresses(true)
                        // Consumers dead-letter by themselves after their own attempts.
                        .setMaxDeliveryAttempts(-1)
                        // Measured: with a redelivery delay, the next message of a group is delivered
                        // while the rolled-back one waits, breaking per-key order. Consumers back off instead.
                        .setRedeliveryDelay(0));
        try {
            EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration).start();
            return new TestBroker(server);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test broker", e);
        }
    }

    /** @return a new connection factory on the in-VM transport */
    public ConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory("vm://0");
    }

    /** @return counts of a queue, for diagnosing a test that waits in vain */
    public String describeQueue(String name) {
        var queue = server.getActiveMQServer().locateQueue(name);
        if (queue == null) {
            return name + ": no such queue";
        }
        return name + ": messages=" + queue.getMessageCount() + " delivering=" + queue.getDeliveringCount()
                + " scheduled=" + queue.getScheduledCount() + " consumers=" + queue.getConsumerCount()
                + " groups=" + queue.getGroupCount();
    }

    private void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("test broker did not stop cleanly: " + e);
        }
    }
}
