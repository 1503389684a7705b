package dev.outbox.sample.payment;

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
 * Builds the payment service's own {@link Outbox} from {@code payment.outbox.*}. The payment
 * backend sends only while handling a message, so its actor is always the handled message's
 * (no resolver for a caller is needed).
 */
@ApplicationScoped
public class PaymentOutboxProducer {

    /** Prefix of the payment service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "payment.outbox";

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Produces
    @ApplicationScoped
    @PaymentOutbox
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
