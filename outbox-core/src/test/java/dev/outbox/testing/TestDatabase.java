package dev.outbox.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL per test JVM, from the embedded binaries on the test classpath, configured
 * for logical decoding. The application's tables belong to the role {@code app}, which is not a
 * superuser, as in production. Stopped by a shutdown hook, so it goes away even when tests fail.
 */
public final class TestDatabase {

    public static final String APP_USER = "app";
    public static final String APP_PASSWORD = "app";
    public static final String DATABASE = "app";

    private static TestDatabase instance;

    private final EmbeddedPostgres postgres;

    private TestDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** @return the running database, started on first call with a fresh schema */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-postgres-stop"));
        }
        return instance;
    }

    private static TestDatabase start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("max_prepared_transactions", "20")
                    .setServerConfig("max_connections", "100")
                    // The embedded server defaults to synchronous_commit=off; a commit must reach the
                    // WAL's flush position before logical decoding can see it.
                    .setServerConfig("synchronous_commit", "on")
                    // Tests run faster without flushing to disk; benchmarks of write cost need the real thing.
                    .setServerConfig("fsync", Boolean.getBoolean("outbox.test.postgres.durable") ? "on" : "off")
                    .start();
            TestDatabase database = new TestDatabase(postgres);
            database.createApplicationRole();
            database.applySchema();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** @return the JDBC URL of the application database */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** @return a connection as the application role (autocommit) */
    public Connection appConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), APP_USER, APP_PASSWORD);
    }

    /** @return a superuser connection to the application database, for test set-up and inspection only */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    /** Runs the framework's schema script as the application role; it must be idempotent. */
    public void applySchema() {
        try (Connection connection = appConnection()) {
            connection.setAutoCommit(false);
            dev.outbox.OutboxSchema.create(connection, TestDatabase.class);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("schema.sql failed as role " + APP_USER, e);
        }
    }


    private void createApplicationRole() {
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + APP_PASSWORD + "' NOSUPERUSER");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + APP_USER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the application role and database", e);
        }
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
        }
    }
}
