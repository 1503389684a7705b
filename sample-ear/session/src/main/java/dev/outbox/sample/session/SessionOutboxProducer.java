package dev.outbox.sample.session;

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
 * Builds the session service's own {@link Outbox} from {@code session.outbox.*}. The session
 * backend sends only while handling the scheduler's command, so its actor is always the handled
 * message's, the system (no resolver for a caller is needed).
 */
@ApplicationScoped
public class SessionOutboxProducer {

    /** Prefix of the session service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "session.outbox";

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Produces
    @ApplicationScoped
    @SessionOutbox
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
