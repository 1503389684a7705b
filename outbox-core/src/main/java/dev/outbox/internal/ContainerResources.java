package dev.outbox.internal;

import dev.outbox.OutboxDataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.sql.DataSource;

/**
 * Finds the container's resources the outbox needs: a CDI bean where the application or the
 * container provides one, otherwise the JNDI name from the configuration.
 */
@ApplicationScoped
public class ContainerResources {

    private Instance<DataSource> dataSources;
    private Instance<TransactionSynchronizationRegistry> registries;
    private Instance<ConnectionFactory> connectionFactories;

    /** For CDI proxies only. */
    protected ContainerResources() {
    }

    @Inject
    public ContainerResources(@OutboxDataSource Instance<DataSource> dataSources, Instance<TransactionSynchronizationRegistry> registries,
                              Instance<ConnectionFactory> connectionFactories) {
        this.dataSources = dataSources;
        this.registries = registries;
        this.connectionFactories = connectionFactories;
    }

    public DataSource dataSource(String jndiName) {
        return dataSources.isResolvable()
                ? dataSources.get()
                : Jndi.lookup(jndiName, DataSource.class, "set outbox.datasource to the JNDI name of the application's JTA"
                        + " datasource, or produce a @OutboxDataSource DataSource bean");
    }

    public TransactionSynchronizationRegistry transactionRegistry() {
        // A container may expose the registry as a bean; the JNDI name is the portable fallback.
        return registries.isResolvable()
                ? registries.get()
                : Jndi.lookup(Jndi.TRANSACTION_REGISTRY, TransactionSynchronizationRegistry.class, "run inside a Jakarta EE container,"
                        + " or produce a TransactionSynchronizationRegistry bean");
    }

    public ConnectionFactory connectionFactory(String jndiName) {
        return connectionFactories.isResolvable()
                ? connectionFactories.get()
                : Jndi.lookup(jndiName, ConnectionFactory.class, "set outbox.consumer.connection-factory to the JNDI name of a"
                        + " transactional (pooled) JMS connection factory, or produce a ConnectionFactory bean");
    }
}
