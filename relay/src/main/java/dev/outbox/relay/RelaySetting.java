package dev.outbox.relay;

import java.util.Locale;

/**
 * Every configuration key of the relay, declared once with its default and meaning. A key
 * {@code outbox.db.url} is read from the system property of that name, else from the environment
 * variable {@code OUTBOX_DB_URL}, else from the {@code --config} file (either spelling), else its
 * default.
 */
public enum RelaySetting {
    DB_URL("outbox.db.url", null, false,
            "JDBC URL of the application database holding the outbox: jdbc:postgresql://host[:port]/database[?sslmode=...]."),
    DB_USER("outbox.db.user", null, false,
            "Database role of the relay: needs REPLICATION and must own the outbox table (it creates the publication)."),
    DB_PASSWORD("outbox.db.password", "", true,
            "Password of the database role."),
    BROKER_URL("outbox.broker.url", "tcp://localhost:61616", false,
            "Artemis core URL; client tuning goes in its query, e.g. tcp://host:61616?confirmationWindowSize=1048576."),
    BROKER_USER("outbox.broker.user", "", false,
            "Broker user allowed to send to the outbox addresses (empty: anonymous)."),
    BROKER_PASSWORD("outbox.broker.password", "", true,
            "Password of the broker user."),
    RELAY_NAME("outbox.relay.name", "outbox_relay", false,
            "Names the replication slot, the publication and the relay's offset rows: lower-case letters, digits and _, at most 48."),
    HTTP_PORT("outbox.http.port", "8080", false,
            "Port of the HTTP endpoint: /health/live, /health/ready, /metrics (0: any free port, logged; -1: no endpoint)."),
    OUTBOX_TABLE("outbox.table", "public.outbox_message", false,
            "Schema-qualified outbox table whose inserts are relayed."),
    WAL_PREFIX("outbox.wal.prefix", "outbox", false,
            "Prefix of the logical decoding messages relayed (outbox-core's outbox.wal.prefix)."),
    OFFSET_TABLE("outbox.relay.offset-table", "outbox_relay_offset", false,
            "Table the relay creates to keep its position, one set of rows per relay name."),
    INVALID_ADDRESS("outbox.relay.invalid-address", "outbox.relay.invalid", false,
            "Anycast address that receives entries which cannot be decoded, with the reason (empty: log and count only)."),
    POLL_INTERVAL_MS("outbox.relay.poll-interval-ms", "1", false,
            "Longest wait for more changes before a batch is handed on (Debezium poll.interval.ms); bounds latency at low load."),
    MAX_BATCH_SIZE("outbox.relay.max-batch-size", "2048", false,
            "Most entries sent to the broker in one transaction (Debezium max.batch.size)."),
    MAX_QUEUE_SIZE("outbox.relay.max-queue-size", "4096", false,
            "Most changes buffered between the database and the broker (Debezium max.queue.size); above the batch size."),
    STARTUP_TIMEOUT_MS("outbox.relay.startup-timeout-ms", "60000", false,
            "How long one attempt to start capture may take before it is abandoned and tried again."),
    SHUTDOWN_TIMEOUT_MS("outbox.relay.shutdown-timeout-ms", "30000", false,
            "How long a stop waits for the batch in flight to be confirmed and its offsets stored."),
    RETRY_MAX_BACKOFF_MS("outbox.relay.retry-max-backoff-ms", "5000", false,
            "Longest pause between attempts to send a batch the broker did not confirm."),
    RESTART_MAX_BACKOFF_MS("outbox.relay.restart-max-backoff-ms", "30000", false,
            "Longest pause before capture is started again after the database or broker could not be reached or capture failed."),
    HEARTBEAT_INTERVAL_MS("outbox.relay.heartbeat-interval-ms", "10000", false,
            "How often the relay writes a tiny WAL message and confirms its position, so that the replication slot"
                    + " advances while the outbox is idle (0: never; the slot then retains WAL until the next entry).");

    /**
     * Keys under this prefix are handed to Debezium with the prefix removed: {@code
     * outbox.debezium.heartbeat.interval.ms}, or the environment variable {@code
     * OUTBOX_DEBEZIUM_HEARTBEAT_INTERVAL_MS}, sets Debezium's {@code heartbeat.interval.ms}.
     */
    public static final String DEBEZIUM_PREFIX = "outbox.debezium.";

    private final String key;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    RelaySetting(String key, String defaultValue, boolean secret, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    /** @return the property key, e.g. {@code outbox.db.url} */
    public String key() {
        return key;
    }

    /** @return the environment variable, e.g. {@code OUTBOX_DB_URL} */
    public String environmentVariable() {
        return environmentVariableFor(key);
    }

    /** @return the default, or {@code null} when the key is required */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean isSecret() {
        return secret;
    }

    public boolean isRequired() {
        return defaultValue == null;
    }

    public String description() {
        return description;
    }

    /** @return the environment variable that stands for a key */
    public static String environmentVariableFor(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** @return the setting with this property key or environment variable, or {@code null} */
    public static RelaySetting byName(String name) {
        for (RelaySetting setting : values()) {
            if (setting.key.equals(name) || setting.environmentVariable().equals(name)) {
                return setting;
            }
        }
        return null;
    }
}
