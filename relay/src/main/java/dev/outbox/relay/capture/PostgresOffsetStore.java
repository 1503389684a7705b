package dev.outbox.relay.capture;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Debezium's offsets, kept in the application database so that the relay process has no local
 * state. Writes are synchronous: when {@link #set} returns, the offsets are committed. Debezium
 * instantiates this class by name and configures it through the engine properties named here.
 */
public final class PostgresOffsetStore implements OffsetBackingStore {

    public static final String URL = "offset.storage.outbox.jdbc.url";
    public static final String USER = "offset.storage.outbox.jdbc.user";
    public static final String PASSWORD = "offset.storage.outbox.jdbc.password";
    public static final String TABLE = "offset.storage.outbox.table";
    public static final String RELAY_NAME = "offset.storage.outbox.relay.name";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresOffsetStore.class);

    private final Map<ByteBuffer, ByteBuffer> offsets = new HashMap<>();
    private String url;
    private Properties credentials;
    private OffsetTable table;
    private String relayName;
    private Connection connection;

    @Override
    public void configure(WorkerConfig config) {
        Map<String, Object> settings = config.originals();
        url = required(settings, URL);
        credentials = new Properties();
        credentials.setProperty("user", required(settings, USER));
        credentials.setProperty("password", String.valueOf(settings.getOrDefault(PASSWORD, "")));
        credentials.setProperty("ApplicationName", "outbox-relay-offsets");
        table = new OffsetTable(required(settings, TABLE));
        relayName = required(settings, RELAY_NAME);
    }

    private static String required(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        if (value == null) {
            throw new IllegalStateException("engine property " + key + " is missing");
        }
        return value.toString();
    }

    @Override
    public synchronized void start() {
        try {
            Connection current = connection();
            table.create(current);
            try (PreparedStatement select = current.prepareStatement(table.selectSql())) {
                select.setString(1, relayName);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        offsets.put(ByteBuffer.wrap(rows.getBytes(1)), ByteBuffer.wrap(rows.getBytes(2)));
                    }
                }
            }
            current.commit();
            LOG.info("Loaded {} stored offset(s) of relay '{}' from table {}", offsets.size(), relayName, table.name());
        } catch (SQLException e) {
            closeQuietly();
            throw new IllegalStateException("cannot read the relay's offsets from table " + table.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        closeQuietly();
    }

    @Override
    public synchronized Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> result = new HashMap<>();
        for (ByteBuffer key : keys) {
            result.put(key, offsets.get(key));
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public synchronized Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        try {
            write(values);
        } catch (SQLException first) {
            // A connection dropped since the last batch is common after a database restart: one fresh try.
            closeQuietly();
            try {
                write(values);
            } catch (SQLException e) {
                closeQuietly();
                LOG.warn("Could not store offsets in {}: {}", table.name(), e.getMessage());
                if (callback != null) {
                    callback.onCompletion(e, null);
                }
                return CompletableFuture.failedFuture(e);
            }
        }
        values.forEach((key, value) -> {
            if (value == null) {
                offsets.remove(key);
            } else {
                offsets.put(key, value);
            }
        });
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void write(Map<ByteBuffer, ByteBuffer> values) throws SQLException {
        Connection current = connection();
        try (PreparedStatement upsert = current.prepareStatement(table.upsertSql());
             PreparedStatement delete = current.prepareStatement(table.deleteSql())) {
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : values.entrySet()) {
                if (entry.getValue() == null) {
                    delete.setString(1, relayName);
                    delete.setBytes(2, bytes(entry.getKey()));
                    delete.executeUpdate();
                } else {
                    upsert.setString(1, relayName);
                    upsert.setBytes(2, bytes(entry.getKey()));
                    upsert.setBytes(3, bytes(entry.getValue()));
                    upsert.executeUpdate();
                }
            }
            current.commit();
        } catch (SQLException e) {
            try {
                current.rollback();
            } catch (SQLException ignored) {
                // The connection is discarded by the caller anyway.
            }
            throw e;
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, credentials);
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the offset connection failed", e);
            }
            connection = null;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
