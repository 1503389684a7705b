package dev.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the framework's tables ({@value #SCRIPT}), and optionally the application's own, when a
 * service starts. Idempotent; services that share a database may all do it at once, since the
 * scripts run under a transaction-scoped advisory lock.
 *
 * <pre>{@code
 * @PostConstruct  // in a transaction, e.g. a @Startup @Singleton EJB
 * void createTables() throws SQLException {
 *     try (Connection connection = dataSource.getConnection()) {
 *         OutboxSchema.create(connection, getClass(), "/META-INF/game-schema.sql");
 *     }
 * }
 * }</pre>
 */
public final class OutboxSchema {

    /** The framework's schema script on the class path: {@code outbox_message}, the inbox and the consumer tables. */
    public static final String SCRIPT = "/META-INF/outbox/postgresql/schema.sql";

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('dev.outbox.schema'))";

    private OutboxSchema() {
    }

    /**
     * Runs the framework's script, then {@code ownScripts} (class-path resources found through
     * {@code owner}), in the connection's transaction. Outside a transaction each statement commits
     * by itself and the lock only covers its own statement.
     *
     * @throws OutboxConfigurationException if a script is missing from the class path
     */
    public static void create(Connection connection, Class<?> owner, String... ownScripts) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(LOCK);
            statement.execute(read(OutboxSchema.class, SCRIPT));
            for (String script : ownScripts) {
                statement.execute(read(owner, script));
            }
        }
    }

    private static String read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new OutboxConfigurationException(java.util.List.of("schema script " + resource + " is not on the class path of "
                        + owner.getName()));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutboxConfigurationException(java.util.List.of("schema script " + resource + " cannot be read: " + e.getMessage()));
        }
    }
}
