package dev.outbox.sample.tickets;

import dev.outbox.Actor;
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
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Builds the tickets service's own {@link Outbox} from {@code tickets.outbox.*}, as the game
 * service does with its prefix: every service of the EAR sends under its own name and key.
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
                .actorResolver(callerActor(settings.actorRoles()))
                .build();
    }

    /** The authenticated caller, with those of the listed roles it holds as permissions. */
    private ActorResolver callerActor(Set<String> roles) {
        return () -> {
            Principal caller = securityContext.getCallerPrincipal();
            if (caller == null || caller.getName() == null || caller.getName().isBlank() || "anonymous".equals(caller.getName())) {
                return Optional.empty();
            }
            Set<String> held = roles.stream().filter(securityContext::isCallerInRole).collect(Collectors.toSet());
            return Optional.of(Actor.user(caller.getName(), held));
        };
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
