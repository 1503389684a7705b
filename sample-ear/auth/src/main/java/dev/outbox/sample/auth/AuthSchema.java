package dev.outbox.sample.auth;

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

/**
 * Creates the auth backend's table when the application starts (idempotent). The auth backend sends
 * no messages; it goes through {@link OutboxSchema} anyway for the advisory lock that keeps the
 * backends of one database from creating tables at the same moment (the framework's tables it
 * creates on the way are the ones the other backends use).
 */
@Singleton
@Startup
public class AuthSchema {

    /** The auth backend's JTA datasource. */
    public static final String DATASOURCE = "java:jboss/datasources/AuthDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void create() {
        try (Connection connection = dataSource.getConnection()) {
            OutboxSchema.create(connection, AuthSchema.class, "/META-INF/sample/auth-schema.sql");
        } catch (SQLException e) {
            throw new EJBException("could not create the auth tables", e);
        }
    }
}
