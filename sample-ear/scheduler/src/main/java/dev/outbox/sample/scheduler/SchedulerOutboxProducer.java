package dev.outbox.sample.scheduler;

import dev.outbox.Outbox;
import dev.outbox.OutboxConfigurationException;
import dev.outbox.OutboxSettings;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Builds the scheduler service's own {@link Outbox} from {@code scheduler.outbox.*}. It sends only
 * from its timer, and names the actor on each message itself ({@code Actor.system()}): a timer acts
 * for nobody, so no resolver for a caller is needed.
 */
@ApplicationScoped
public class SchedulerOutboxProducer {

    /** Prefix of the scheduler service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "scheduler.outbox";

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Produces
    @ApplicationScoped
    @SchedulerOutbox
    Outbox outbox() {
        OutboxSettings settings = OutboxSettings.fromEnvironment(CONFIGURATION_PREFIX);
        return Outbox.builder()
                .settings(settings)
                .dataSource(dataSource(settings.dataSourceName()))
                .transactionRegistry(transactions)
                .build();
    }

    private static DataSource dataSource(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new OutboxConfigurationException(List.of(CONFIGURATION_PREFIX + ".datasource: '" + jndiName
                    + "' is not a datasource in JNDI (" + e.getMessage() + ")"));
        }
    }
}
