package dev.outbox.sample.tickets;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates the tickets backend's tables, and the outbox's, when the application starts (idempotent, serialized by an advisory lock). */
@Singleton
@Startup
public class TicketsSchema {

    /** The tickets backend's JTA datasource; also its outbox's ({@code tickets.outbox.datasource}). */
    public static final String DATASOURCE = "java:jboss/datasources/TicketsDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void create() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(hashtext('outbox-sample-schema'))");
            statement.execute(script("/META-INF/outbox/postgresql/schema.sql"));
            statement.execute(script("/META-INF/sample/tickets-schema.sql"));
        } catch (SQLException e) {
            throw new EJBException("could not create the tickets tables", e);
        }
    }

    private static String script(String resource) {
        try (InputStream in = TicketsSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + resource, e);
        }
    }
}
