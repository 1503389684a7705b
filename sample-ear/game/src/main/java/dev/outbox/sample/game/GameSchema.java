package dev.outbox.sample.game;

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
 * Creates the game backend's tables, and the outbox's, when the application starts. Both scripts
 * are idempotent. The outbox tables are shared by the services of one database, so creating them
 * is serialized with the other backends by a transaction-scoped advisory lock.
 */
@Singleton
@Startup
public class GameSchema {

    /** The game backend's JTA datasource; also its outbox's ({@code game.outbox.datasource}). */
    public static final String DATASOURCE = "java:jboss/datasources/GameDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void create() {
        try (Connection connection = dataSource.getConnection()) {
            OutboxSchema.create(connection, GameSchema.class, "/META-INF/sample/game-schema.sql");
        } catch (SQLException e) {
            throw new EJBException("could not create the game tables", e);
        }
    }

}
