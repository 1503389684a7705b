package dev.outbox.sample.scheduler;

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
 * Creates the outbox's tables when the application starts, before the first timer run writes to
 * them. The scheduler keeps no state of its own: what is due is decided by the backend it asks.
 */
@Singleton
@Startup
public class SchedulerSchema {

    /** The scheduler's JTA datasource, where its outbox lives ({@code scheduler.outbox.datasource}). */
    public static final String DATASOURCE = "java:jboss/datasources/SchedulerDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void create() {
        try (Connection connection = dataSource.getConnection()) {
            OutboxSchema.create(connection, SchedulerSchema.class);
        } catch (SQLException e) {
            throw new EJBException("could not create the outbox tables of the scheduler", e);
        }
    }
}
