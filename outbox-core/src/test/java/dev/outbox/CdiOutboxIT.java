package dev.outbox;

import dev.outbox.envelope.OutboxColumns;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The outbox as a CDI application gets it: discovered from the jar's beans.xml, configured from
 * system properties, writing through the {@code @OutboxDataSource} bean.
 */
class CdiOutboxIT {

    static TestDatabase database;
    static JtaEnvironment jta;
    static WeldContainer container;

    /**
     * The datasource a WildFly deployment would produce. The transaction registry comes from
     * Narayana's own CDI beans, as a container's would.
     */
    @ApplicationScoped
    public static class ContainerResources {
        @Produces
        @OutboxDataSource
        DataSource dataSource() {
            return jta.dataSource();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, 4);
        System.setProperty("outbox.service-name", "game");
        System.setProperty("outbox.signing.key-id", "game-1");
        System.setProperty("outbox.signing.key", Fixtures.KEY);
        Fixtures.execute(database, "TRUNCATE outbox_message");
        container = new Weld("outbox-cdi-it").addBeanClass(ContainerResources.class).initialize();
    }

    @AfterAll
    static void stop() {
        container.shutdown();
        jta.close();
        System.clearProperty("outbox.service-name");
        System.clearProperty("outbox.signing.key-id");
        System.clearProperty("outbox.signing.key");
    }

    @Test
    void injectedOutboxWritesASignedSystemMessageInTheTransaction() throws Exception {
        Outbox outbox = container.select(Outbox.class).get();

        UUID id = jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers()));

        var rows = Fixtures.rows(database);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("id", id).containsEntry("sender_service", "game")
                .containsEntry("actor_kind", "SYSTEM");
        assertThatCode(() -> Fixtures.VERIFIER.verify(OutboxColumns.toEnvelope(rows.get(0)))).doesNotThrowAnyException();
    }
}
