package dev.outbox.sample.notification;

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
 * Creates the notification backend's table, and the outbox's consumer tables (inbox, parked keys),
 * when the application starts; serialized with the other backends by an advisory lock, since the
 * outbox tables of one database are shared.
 */
@Singleton
@Startup
public class NotificationSchema {

    /** The notification backend's JTA datasource; also its consumer's inbox ({@code outbox.datasource}). */
    public static final String DATASOURCE = "java:jboss/datasources/NotificationDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void create() {
        try (Connection connection = dataSource.getConnection()) {
            OutboxSchema.create(connection, NotificationSchema.class, "/META-INF/sample/notification-schema.sql");
        } catch (SQLException e) {
            throw new EJBException("could not create the notification tables", e);
        }
    }

}
