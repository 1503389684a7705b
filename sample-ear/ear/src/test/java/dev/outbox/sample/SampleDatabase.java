package dev.outbox.sample;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the sample runs on: embedded binaries, on the fixed port the server's datasources
 * are configured with (the server starts in its own process and learns the port from its command
 * line, so it cannot be chosen at random). Ready for the relay: logical decoding, a role
 * {@code app} that owns the database and may replicate, and the outbox tables, which must exist
 * before the relay creates its publication. Prepared transactions are enabled for the XA
 * datasources.
 */
final class SampleDatabase implements AutoCloseable {

    static final String USER = "app";
    static final String PASSWORD = "app";
    static final String DATABASE = "app";

    private final EmbeddedPostgres postgres;

    private SampleDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static SampleDatabase start(int port) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("max_prepared_transactions", "20")
                    .setServerConfig("max_connections", "100")
                    // Logical decoding sees a commit only once it is flushed.
                    .setServerConfig("synchronous_commit", "on")
                    // Stopped by the sample's environment, after the relay: a shutdown hook of its
                    // own could stop PostgreSQL first, which then waits for the relay's replication
                    // connection and gives up.
                    .setRegisterShutdownHook(false)
                    .start();
            SampleDatabase database = new SampleDatabase(postgres);
            database.prepare();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port, e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    /** @return a connection as the application role, in autocommit, for assertions */
    Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private void prepare() {
        try (Connection admin = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN REPLICATION PASSWORD '" + PASSWORD + "' NOSUPERUSER");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the application role and database", e);
        }
        try (Connection connection = connection()) {
            dev.outbox.OutboxSchema.create(connection, SampleDatabase.class);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the outbox tables", e);
        }
    }


    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e);
        }
    }
}
