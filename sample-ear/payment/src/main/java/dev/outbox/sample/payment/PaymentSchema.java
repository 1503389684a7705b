package dev.outbox.sample.payment;

import dev.outbox.OutboxSchema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Creates the payment backend's tables, and the outbox's, when the application starts (idempotent, serialized by an advisory lock). */
@Singleton
@Startup
public class PaymentSchema {

    /** The payment backend's JTA datasource; also its outbox's ({@code payment.outbox.datasource}). */
    public static final String DATASOURCE = "java:jboss/datasources/PaymentDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void create() {
        try (Connection connection = dataSource.getConnection()) {
            OutboxSchema.create(connection, PaymentSchema.class, "/META-INF/sample/payment-schema.sql");
        } catch (SQLException e) {
            throw new EJBException("could not create the payment tables", e);
        }
    }

}
