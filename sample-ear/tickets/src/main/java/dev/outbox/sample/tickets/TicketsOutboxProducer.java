package dev.outbox.sample.tickets;

import dev.outbox.ActorResolver;
import dev.outbox.Outbox;
import dev.outbox.OutboxConfigurationException;
import dev.outbox.OutboxSettings;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Builds the tickets service's own {@link Outbox} from {@code tickets.outbox.*}, as the game
 * service does with its prefix: every service of the EAR sends under its own name and key. The
 * caller acts, with those of {@code tickets.outbox.actor.roles} it holds as permissions.
 */
@ApplicationScoped
public class TicketsOutboxProducer {

    /** Prefix of the tickets service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "tickets.outbox";

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    SecurityContext securityContext;

    @Produces
    @ApplicationScoped
    @TicketsOutbox
    Outbox outbox() {
        OutboxSettings settings = OutboxSettings.fromEnvironment(CONFIGURATION_PREFIX);
        return Outbox.builder()
                .settings(settings)
                .dataSource(dataSource(settings.dataSourceName()))
                .transactionRegistry(transactions)
                .actorResolver(ActorResolver.fromSecurityContext(() -> securityContext, settings.actorRoles()))
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
