package dev.outbox.relay.capture;

import dev.outbox.relay.JdbcUrl;
import dev.outbox.relay.RelayConfig;
import dev.outbox.relay.RelaySetting;

import java.util.Properties;

/** The Debezium engine and PostgreSQL connector settings the relay runs with. */
public final class CaptureProperties {

    /** Debezium's mode for a publication on the included tables only; it uses one that exists as it is. */
    private static final String PUBLICATION_MODE = "filtered";

    private CaptureProperties() {
    }

    /** @return the engine properties: the relay's choices, then the pass-through overrides */
    public static Properties of(RelayConfig config) {
        JdbcUrl url = config.jdbcUrl();
        String name = config.relayName();
        Properties properties = new Properties();
        properties.setProperty("name", name);
        properties.setProperty("connector.class", OutboxPostgresConnector.class.getName());
        properties.setProperty("topic.prefix", name);

        properties.setProperty("database.hostname", url.host());
        properties.setProperty("database.port", Integer.toString(url.port()));
        properties.setProperty("database.dbname", url.database());
        properties.setProperty("database.user", config.get(RelaySetting.DB_USER));
        properties.setProperty("database.password", config.get(RelaySetting.DB_PASSWORD));
        String sslMode = url.parameters().get("sslmode");
        if (sslMode != null) {
            properties.setProperty("database.sslmode", sslMode);
        }

        // Stream the outbox table and the outbox's WAL messages, nothing else, from where the slot stands.
        properties.setProperty("plugin.name", "pgoutput");
        properties.setProperty("slot.name", name);
        properties.setProperty("publication.name", name);
        properties.setProperty("publication.autocreate.mode", PUBLICATION_MODE);
        properties.setProperty("table.include.list", literal(config.get(RelaySetting.OUTBOX_TABLE)));
        properties.setProperty("message.prefix.include.list", literal(config.get(RelaySetting.WAL_PREFIX)));
        properties.setProperty("snapshot.mode", "no_data");
        // Only inserts are entries; a publication an administrator made may carry the rest as well.
        properties.setProperty("skipped.operations", "u,d,t");
        properties.setProperty("tombstones.on.delete", "false");
        properties.setProperty("binary.handling.mode", "bytes");
        // The outbox table's id and timestamps in binary form: Debezium's text for them costs CPU on every entry.
        properties.setProperty("converters", OutboxColumnConverter.NAME);
        properties.setProperty(OutboxColumnConverter.NAME + ".type", OutboxColumnConverter.class.getName());
        properties.setProperty(OutboxColumnConverter.NAME + "." + OutboxColumnConverter.TABLE, config.get(RelaySetting.OUTBOX_TABLE));

        // Low latency: hand each batch on after a few milliseconds, commit offsets after every batch
        // so that a crash resends at most one batch (and stays within the broker's duplicate-id cache).
        properties.setProperty("poll.interval.ms", config.get(RelaySetting.POLL_INTERVAL_MS));
        properties.setProperty("max.batch.size", config.get(RelaySetting.MAX_BATCH_SIZE));
        properties.setProperty("max.queue.size", config.get(RelaySetting.MAX_QUEUE_SIZE));
        properties.setProperty("offset.flush.interval.ms", "0");
        properties.setProperty("offset.flush.timeout.ms", "10000");

        // An idle outbox produces no records, so the offset and the slot's confirmed position would stay
        // put while unrelated writes fill the WAL. A heartbeat writes a logical decoding message under a
        // prefix of the relay's own (not relayed); streaming it moves the offset, and the heartbeat record
        // that follows is committed like any batch, which confirms that position to the server.
        String heartbeat = config.get(RelaySetting.HEARTBEAT_INTERVAL_MS);
        if (!"0".equals(heartbeat)) {
            properties.setProperty("heartbeat.interval.ms", heartbeat);
            properties.setProperty("heartbeat.action.query", heartbeatQuery(name));
        }

        // Failures end the engine instead of being retried inside it: the relay restarts capture from the
        // stored offsets with its own backoff, logs each attempt and reports itself not ready meanwhile.
        properties.setProperty("errors.max.retries", "0");

        properties.setProperty("offset.storage", PostgresOffsetStore.class.getName());
        properties.setProperty(PostgresOffsetStore.URL, url.url());
        properties.setProperty(PostgresOffsetStore.USER, config.get(RelaySetting.DB_USER));
        properties.setProperty(PostgresOffsetStore.PASSWORD, config.get(RelaySetting.DB_PASSWORD));
        properties.setProperty(PostgresOffsetStore.TABLE, config.get(RelaySetting.OFFSET_TABLE));
        properties.setProperty(PostgresOffsetStore.RELAY_NAME, name);

        config.debeziumOverrides().forEach(properties::setProperty);
        return properties;
    }

    /**
     * @return whether the relay creates the publication (for inserts only, see {@link OutboxPublication}):
     *         unless an operator chose another {@code publication.autocreate.mode}, e.g. {@code disabled}
     *         for a publication an administrator made
     */
    public static boolean managesPublication(RelayConfig config) {
        return PUBLICATION_MODE.equals(config.debeziumOverrides().getOrDefault("publication.autocreate.mode", PUBLICATION_MODE));
    }

    /** @return the statement run at each heartbeat: a non-transactional WAL message the relay does not forward */
    public static String heartbeatQuery(String relayName) {
        return "SELECT pg_logical_emit_message(false, '" + heartbeatPrefix(relayName) + "', '')";
    }

    /** @return the prefix of the relay's heartbeat messages; never the outbox's prefix, which has no '/' */
    public static String heartbeatPrefix(String relayName) {
        return "outbox-relay/" + relayName + "/heartbeat";
    }

    /** Include lists are regular expressions; validated names contain no special character but the dot. */
    private static String literal(String name) {
        return name.replace(".", "\\.");
    }
}
