package dev.outbox.internal;

import java.util.Locale;

/**
 * Every configuration key of the outbox, declared once with its default and meaning. A key
 * {@code outbox.service-name} is read from the system property of that name, else from the
 * environment variable {@code OUTBOX_SERVICE_NAME}.
 */
public enum OutboxSetting {
    SERVICE_NAME("service-name", null, false,
            "Name of this service, stamped on every message as its sender (letters, digits, . _ -)."),
    CAPTURE_MODE("capture-mode", "table", false,
            "table: insert into outbox_message; wal: pg_logical_emit_message, no table."),
    DELETE_AFTER_INSERT("table.delete-after-insert", "false", false,
            "In table mode, delete the row in the same transaction: the WAL keeps the insert for the relay, the table stays empty."),
    WAL_PREFIX("wal.prefix", "outbox", false,
            "In wal mode, the logical decoding message prefix the relay listens for."),
    PAYLOAD_MAX_BYTES("payload.max-bytes", "1048576", false,
            "Largest payload accepted, in bytes; larger messages are refused before anything is written."),
    SIGNING_KEY_ID("signing.key-id", null, false,
            "Id of the key envelopes are signed with; receivers look up their verifying key by it."),
    SIGNING_KEY("signing.key", null, true,
            "The signing key: hmac-sha256:<base64 secret of 32+ bytes> or ed25519:<base64 PKCS#8 private key>."),
    DATASOURCE("datasource", "java:comp/DefaultDataSource", false,
            "JNDI name of the JTA datasource to write to, unless a @OutboxDataSource bean is produced."),
    ACTOR_ROLES("actor.roles", "", false,
            "Comma-separated roles to test with isCallerInRole; those the caller has travel as the actor's permissions."),
    TRUSTED_KEYS("trusted-keys", "", true,
            "Keys this service verifies senders with: comma-separated <key id>:<sender service>:<algorithm>:<base64 key>."),
    CONSUMER_MAX_ATTEMPTS("consumer.max-attempts", "5", false,
            "How often a failing handler is tried before its message is dead-lettered."),
    CONSUMER_RETRY_DELAY_MS("consumer.retry-delay-ms", "100", false,
            "Wait before the second attempt, doubling for each further one (the consumer waits, keeping the key's order)."),
    CONSUMER_MAX_RETRY_DELAY_MS("consumer.max-retry-delay-ms", "5000", false,
            "Longest wait between attempts."),
    DEAD_LETTER_ADDRESS("consumer.dead-letter-address", "outbox.dead-letters", false,
            "The queue dead letters are sent to."),
    CONSUMER_CONNECTION_FACTORY("consumer.connection-factory", "java:/JmsXA", false,
            "JNDI name of the transactional JMS connection factory dead letters are sent with, in the consuming transaction."),
    INBOX_RETENTION_HOURS("consumer.inbox-retention-hours", "336", false,
            "How long handled message ids are kept; a redelivery older than this would be handled again.");

    private final String suffix;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    OutboxSetting(String suffix, String defaultValue, boolean secret, String description) {
        this.suffix = suffix;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    /** @return the full key under a prefix, e.g. {@code outbox.service-name} */
    public String key(String prefix) {
        return prefix + "." + suffix;
    }

    /** @return the environment variable for the key, e.g. {@code OUTBOX_SERVICE_NAME} */
    public String environmentVariable(String prefix) {
        return environmentVariableFor(key(prefix));
    }

    /** @return the environment variable that stands for a configuration key */
    public static String environmentVariableFor(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }
}
