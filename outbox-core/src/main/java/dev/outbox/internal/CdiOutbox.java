package dev.outbox.internal;

import dev.outbox.ActorResolver;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.OutboxConfigurationException;
import dev.outbox.OutboxDataSource;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The {@link Outbox} a CDI application injects. It is assembled on first use, so a deployment
 * that never sends needs no outbox configuration.
 */
@ApplicationScoped
public class CdiOutbox implements Outbox {

    private static final String TRANSACTION_REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private Instance<OutboxSettings> settings;
    private Instance<DataSource> dataSources;
    private Instance<ActorResolver> actorResolvers;
    private Instance<TransactionSynchronizationRegistry> registries;
    private volatile Outbox delegate;

    /** For CDI proxies only. */
    protected CdiOutbox() {
    }

    @Inject
    public CdiOutbox(Instance<OutboxSettings> settings, @OutboxDataSource Instance<DataSource> dataSources,
                     Instance<ActorResolver> actorResolvers, Instance<TransactionSynchronizationRegistry> registries) {
        this.settings = settings;
        this.dataSources = dataSources;
        this.actorResolvers = actorResolvers;
        this.registries = registries;
    }

    @Override
    public UUID send(Message message) {
        return delegate().send(message);
    }

    private Outbox delegate() {
        Outbox outbox = delegate;
        if (outbox == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = assemble();
                }
                outbox = delegate;
            }
        }
        return outbox;
    }

    private Outbox assemble() {
        OutboxSettings resolved = settings.get();
        // A container may expose the registry as a bean; the JNDI name is the portable fallback.
        TransactionSynchronizationRegistry registry = registries.isResolvable()
                ? registries.get()
                : lookup(TRANSACTION_REGISTRY, TransactionSynchronizationRegistry.class);
        return new TransactionalOutbox(resolved, dataSource(resolved), registry,
                actorResolvers.isResolvable() ? actorResolvers.get() : ActorResolver.NONE, Clock.systemUTC());
    }

    private DataSource dataSource(OutboxSettings resolved) {
        return dataSources.isResolvable()
                ? dataSources.get()
                : lookup(resolved.dataSourceName(), DataSource.class, "set outbox.datasource to the JNDI name of the"
                        + " application's JTA datasource, or produce a @OutboxDataSource DataSource bean");
    }

    private static <T> T lookup(String name, Class<T> type) {
        return lookup(name, type, "run inside a Jakarta EE container, or produce a " + type.getSimpleName() + " bean");
    }

    private static <T> T lookup(String name, Class<T> type, String remedy) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException | ClassCastException e) {
            throw new OutboxConfigurationException(List.of("JNDI name '" + name + "' does not resolve to a "
                    + type.getSimpleName() + " (" + e.getMessage() + "): " + remedy));
        }
    }
}
