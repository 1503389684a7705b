package dev.outbox.sample.session;

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

/** Creates the session backend's table, and the outbox's, when the application starts (idempotent, serialized by an advisory lock). */
@Singleton
@Startup
public class SessionSchema {

    /** The session backend's JTA datasource; also its outbox's ({@code session.outbox.datasource}). */
    public static final String DATASOURCE = "java:jboss/datasources/SessionDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void create() {
        try (Connection connection = dataSource.getConnection()) {
            OutboxSchema.create(connection, SessionSchema.class, "/META-INF/sample/session-schema.sql");
        } catch (SQLException e) {
            throw new EJBException("could not create the session tables", e);
        }
    }
}
