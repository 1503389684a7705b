package dev.outbox.relay.testing;

import dev.outbox.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL of one test's own, which the test may stop and start again (its data directory and
 * port stay the same) or configure differently from the shared {@link TestDatabase}. Unlike the
 * shared one it checks passwords (scram-sha-256) for every role but the superuser, so that a wrong
 * password is refused as in production. Durable: fsync and synchronous commit on.
 */
public final class DedicatedDatabase implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> serverConfig;
    private EmbeddedPostgres postgres;

    private DedicatedDatabase(Path dataDirectory, int port, Map<String, String> serverConfig) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.serverConfig = serverConfig;
    }

    /**
     * Creates and starts a fresh server with logical decoding, the application role (with REPLICATION,
     * as the relay's role needs) owning the application database, and the outbox schema.
     *
     * @param name      names the data directory under {@code java.io.tmpdir}
     * @param overrides server settings replacing the defaults, e.g. {@code wal_level=replica}
     */
    public static DedicatedDatabase create(String name, Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("wal_level", "logical");
        config.put("max_replication_slots", "10");
        config.put("max_wal_senders", "10");
        config.put("max_connections", "50");
        config.put("fsync", "on");
        config.put("synchronous_commit", "on");
        config.putAll(overrides);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pg-" + name);
        try {
            deleteRecursively(dir);
            DedicatedDatabase database = new DedicatedDatabase(dir, freePort(), config);
            database.start();
            database.createApplicationRole();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again), on the same data directory and port. */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(true)
                    .setDataDirectoryCustomizer(DedicatedDatabase::requirePasswords);
            serverConfig.forEach(builder::setServerConfig);
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * Stops the server with a fast shutdown (connections are ended, committed work is kept), waiting
     * up to a minute: a server with a logical replication connection waits for its client to confirm
     * the shutdown checkpoint, which takes longer than the few seconds the embedded library allows.
     */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
                java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
                if (postmaster.isPresent()) {
                    postmaster.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            // Releases the library's hold on the data directory. The server is already down, so the
            // library logs that it could not stop it: expected, and harmless.
            postgres.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL in " + dataDirectory + " did not stop within a minute", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    /** The superuser is trusted from the local host; every other role must give its password. */
    private static void requirePasswords(java.io.File directory) {
        String hba = """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                host replication all 127.0.0.1/32 scram-sha-256
                host replication all ::1/128 scram-sha-256
                """;
        try {
            Files.writeString(directory.toPath().resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createApplicationRole() {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + TestDatabase.APP_USER + " LOGIN REPLICATION NOSUPERUSER PASSWORD '"
                    + TestDatabase.APP_PASSWORD + "'");
            statement.execute("CREATE DATABASE " + TestDatabase.DATABASE + " OWNER " + TestDatabase.APP_USER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the application role and database", e);
        }
        try (Connection connection = appConnection()) {
            dev.outbox.OutboxSchema.create(connection, DedicatedDatabase.class);
        } catch (SQLException e) {
            throw new IllegalStateException("schema.sql failed", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + TestDatabase.DATABASE;
    }

    /** @return a connection as the application role (autocommit) */
    public Connection appConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), TestDatabase.APP_USER, TestDatabase.APP_PASSWORD);
    }

    /** @return a superuser connection to the application database, for set-up and inspection */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
