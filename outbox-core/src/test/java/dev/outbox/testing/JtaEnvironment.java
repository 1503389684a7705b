package dev.outbox.testing;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * A real JTA environment outside a container: Narayana as transaction manager and an Agroal pool
 * that enlists its connections in the current transaction, as WildFly's datasources do.
 */
public final class JtaEnvironment implements AutoCloseable {

    static {
        // Narayana keeps its transaction log in the working directory unless told otherwise.
        String store = Path.of(System.getProperty("java.io.tmpdir"), "narayana-store").toString();
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store);
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store);
        System.setProperty("CoreEnvironmentBean.nodeIdentifier", "outbox-tests");
    }

    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry registry;
    private final AgroalDataSource dataSource;

    public JtaEnvironment(TestDatabase database, int poolSize) {
        this.transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
        this.registry = new TransactionSynchronizationRegistryImple();
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(poolSize)
                        .transactionIntegration(new NarayanaTransactionIntegration(transactionManager, registry))
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(database.jdbcUrl())
                                .principal(new NamePrincipal(TestDatabase.APP_USER))
                                .credential(new SimplePassword(TestDatabase.APP_PASSWORD))));
        try {
            this.dataSource = AgroalDataSource.from(configuration);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test datasource", e);
        }
    }

    public TransactionSynchronizationRegistry registry() {
        return registry;
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    /** Runs the work in a new transaction and commits it; rolls back and rethrows if it fails. */
    public <T> T inTransaction(Callable<T> work) throws Exception {
        transactionManager.begin();
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            transactionManager.rollback();
            throw e;
        }
        transactionManager.commit();
        return result;
    }

    /** Runs the work in a new transaction and rolls it back. */
    public <T> T inRolledBackTransaction(Callable<T> work) throws Exception {
        transactionManager.begin();
        try {
            return work.call();
        } finally {
            transactionManager.rollback();
        }
    }

    public TransactionManager transactionManager() {
        return transactionManager;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
