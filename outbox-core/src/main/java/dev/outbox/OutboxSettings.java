package dev.outbox;

import dev.outbox.envelope.EnvelopeRules;
import dev.outbox.envelope.SigningKey;
import dev.outbox.envelope.WalMessageCodec;
import dev.outbox.internal.OutboxSetting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The outbox's configuration, validated as a whole: every problem is reported at once, each
 * naming its key. Read it from system properties and environment variables with
 * {@link #fromEnvironment()}, or build it in code:
 *
 * <pre>{@code
 * OutboxSettings settings = OutboxSettings.builder()
 *         .serviceName("game")
 *         .signingKey("game-1", "hmac-sha256:" + base64Secret)
 *         .build();
 * }</pre>
 *
 * <p>The keys, their defaults and environment variables are listed in the README
 * ("Configuration"). Immutable.
 */
public final class OutboxSettings {

    /** Prefix of every key read by {@link #fromEnvironment()}. */
    public static final String DEFAULT_PREFIX = "outbox";

    private final String serviceName;
    private final CaptureMode captureMode;
    private final boolean deleteAfterInsert;
    private final String walPrefix;
    private final int maxPayloadBytes;
    private final SigningKey signingKey;
    private final String dataSourceName;
    private final Set<String> actorRoles;

    private OutboxSettings(Builder builder, SigningKey signingKey) {
        this.serviceName = builder.serviceName;
        this.captureMode = builder.captureMode;
        this.deleteAfterInsert = builder.deleteAfterInsert;
        this.walPrefix = builder.walPrefix;
        this.maxPayloadBytes = builder.maxPayloadBytes;
        this.signingKey = signingKey;
        this.dataSourceName = builder.dataSourceName;
        this.actorRoles = Set.copyOf(builder.actorRoles);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the {@code outbox.*} keys from system properties, then environment variables. */
    public static OutboxSettings fromEnvironment() {
        return fromEnvironment(DEFAULT_PREFIX);
    }

    /**
     * Reads the keys under another prefix, e.g. {@code game.outbox.service-name} (environment
     * {@code GAME_OUTBOX_SERVICE_NAME}), for an application that hosts several services.
     */
    public static OutboxSettings fromEnvironment(String prefix) {
        return from(prefix, key -> {
            String value = System.getProperty(key);
            return value != null ? value : System.getenv(OutboxSetting.environmentVariableFor(key));
        });
    }

    /**
     * Reads the keys through a lookup from full key (e.g. {@code outbox.service-name}) to value, for
     * example MicroProfile Config; a {@code null} answer means unset.
     *
     * @throws OutboxConfigurationException listing every invalid or missing key
     */
    public static OutboxSettings from(String prefix, Function<String, String> lookup) {
        List<String> problems = new ArrayList<>();
        Builder builder = builder();
        builder.prefix = prefix;
        builder.serviceName = value(lookup, prefix, OutboxSetting.SERVICE_NAME);
        String mode = value(lookup, prefix, OutboxSetting.CAPTURE_MODE);
        try {
            builder.captureMode = CaptureMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(OutboxSetting.CAPTURE_MODE.key(prefix) + ": unknown capture mode '" + mode
                    + "', expected one of " + Arrays.stream(CaptureMode.values())
                    .map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        }
        String delete = value(lookup, prefix, OutboxSetting.DELETE_AFTER_INSERT).trim();
        if (!delete.equalsIgnoreCase("true") && !delete.equalsIgnoreCase("false")) {
            problems.add(OutboxSetting.DELETE_AFTER_INSERT.key(prefix) + ": expected true or false, was '" + delete + "'");
        }
        builder.deleteAfterInsert = Boolean.parseBoolean(delete);
        builder.walPrefix = value(lookup, prefix, OutboxSetting.WAL_PREFIX);
        String max = value(lookup, prefix, OutboxSetting.PAYLOAD_MAX_BYTES).trim();
        try {
            builder.maxPayloadBytes = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            problems.add(OutboxSetting.PAYLOAD_MAX_BYTES.key(prefix) + ": expected a number of bytes, was '" + max + "'");
        }
        builder.signingKeyId = value(lookup, prefix, OutboxSetting.SIGNING_KEY_ID);
        builder.signingKeySpec = value(lookup, prefix, OutboxSetting.SIGNING_KEY);
        builder.dataSourceName = value(lookup, prefix, OutboxSetting.DATASOURCE);
        String roles = value(lookup, prefix, OutboxSetting.ACTOR_ROLES);
        builder.actorRoles = new LinkedHashSet<>();
        for (String role : roles.split(",")) {
            if (!role.isBlank()) {
                builder.actorRoles.add(role.trim());
            }
        }
        return builder.build(problems);
    }

    public String serviceName() {
        return serviceName;
    }

    public CaptureMode captureMode() {
        return captureMode;
    }

    /** @return whether table mode deletes each row in the transaction that inserted it */
    public boolean deleteAfterInsert() {
        return deleteAfterInsert;
    }

    public String walPrefix() {
        return walPrefix;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public SigningKey signingKey() {
        return signingKey;
    }

    /** @return the JNDI name of the datasource, used when no {@link OutboxDataSource} bean exists */
    public String dataSourceName() {
        return dataSourceName;
    }

    /** @return the roles tested with {@code isCallerInRole} to fill in the actor's permissions */
    public Set<String> actorRoles() {
        return actorRoles;
    }

    @Override
    public String toString() {
        return "OutboxSettings[service=" + serviceName + ", captureMode=" + captureMode.name().toLowerCase(Locale.ROOT)
                + (captureMode == CaptureMode.TABLE ? ", deleteAfterInsert=" + deleteAfterInsert : ", walPrefix=" + walPrefix)
                + ", maxPayloadBytes=" + maxPayloadBytes + ", signingKey=" + signingKey
                + ", dataSource=" + dataSourceName + "]";
    }

    private static String value(Function<String, String> lookup, String prefix, OutboxSetting setting) {
        String value = lookup.apply(setting.key(prefix));
        return value != null ? value : setting.defaultValue();
    }

    /** Builds {@link OutboxSettings}; only the service name and the signing key are required. */
    public static final class Builder {
        private String prefix = DEFAULT_PREFIX;
        private String serviceName;
        private CaptureMode captureMode = CaptureMode.TABLE;
        private boolean deleteAfterInsert;
        private String walPrefix = WalMessageCodec.DEFAULT_PREFIX;
        private int maxPayloadBytes = Integer.parseInt(OutboxSetting.PAYLOAD_MAX_BYTES.defaultValue());
        private String signingKeyId;
        private String signingKeySpec;
        private String dataSourceName = OutboxSetting.DATASOURCE.defaultValue();
        private Set<String> actorRoles = new LinkedHashSet<>();

        private Builder() {
        }

        public Builder serviceName(String name) {
            this.serviceName = name;
            return this;
        }

        public Builder captureMode(CaptureMode mode) {
            this.captureMode = mode;
            return this;
        }

        public Builder deleteAfterInsert(boolean delete) {
            this.deleteAfterInsert = delete;
            return this;
        }

        public Builder walPrefix(String walPrefix) {
            this.walPrefix = walPrefix;
            return this;
        }

        public Builder maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = bytes;
            return this;
        }

        /** @param spec {@code hmac-sha256:<base64>} or {@code ed25519:<base64 PKCS#8>} */
        public Builder signingKey(String keyId, String spec) {
            this.signingKeyId = keyId;
            this.signingKeySpec = spec;
            return this;
        }

        public Builder dataSourceName(String jndiName) {
            this.dataSourceName = jndiName;
            return this;
        }

        public Builder actorRoles(Set<String> roles) {
            this.actorRoles = new LinkedHashSet<>(roles);
            return this;
        }

        /** @throws OutboxConfigurationException listing every invalid or missing setting */
        public OutboxSettings build() {
            return build(new ArrayList<>());
        }

        private OutboxSettings build(List<String> problems) {
            if (serviceName == null || serviceName.isBlank()) {
                problems.add(OutboxSetting.SERVICE_NAME.key(prefix) + " is required: the name of this service, e.g. 'game' (environment "
                        + OutboxSetting.SERVICE_NAME.environmentVariable(prefix) + ")");
            } else {
                check(problems, () -> EnvelopeRules.service(OutboxSetting.SERVICE_NAME.key(prefix), serviceName));
            }
            if (captureMode == null) {
                problems.add(OutboxSetting.CAPTURE_MODE.key(prefix) + " is required: table or wal");
            }
            if (walPrefix == null || walPrefix.isBlank()) {
                problems.add(OutboxSetting.WAL_PREFIX.key(prefix) + " must not be empty");
            }
            if (maxPayloadBytes <= 0) {
                problems.add(OutboxSetting.PAYLOAD_MAX_BYTES.key(prefix) + " must be positive, was " + maxPayloadBytes);
            }
            if (dataSourceName == null || dataSourceName.isBlank()) {
                problems.add(OutboxSetting.DATASOURCE.key(prefix) + " must name a JNDI datasource");
            }
            SigningKey key = null;
            if (signingKeyId == null || signingKeyId.isBlank()) {
                problems.add(OutboxSetting.SIGNING_KEY_ID.key(prefix) + " is required: the id receivers know this service's key by"
                        + " (environment " + OutboxSetting.SIGNING_KEY_ID.environmentVariable(prefix) + ")");
            } else if (signingKeySpec == null || signingKeySpec.isBlank()) {
                problems.add(OutboxSetting.SIGNING_KEY.key(prefix) + " is required: the signing key, hmac-sha256:<base64> or"
                        + " ed25519:<base64 PKCS#8> (environment " + OutboxSetting.SIGNING_KEY.environmentVariable(prefix) + ")");
            } else {
                try {
                    key = SigningKey.parse(signingKeyId, signingKeySpec);
                } catch (InvalidMessageException e) {
                    problems.add(OutboxSetting.SIGNING_KEY.key(prefix) + ": " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new OutboxConfigurationException(problems);
            }
            return new OutboxSettings(this, key);
        }

        private static void check(List<String> problems, Runnable rule) {
            try {
                rule.run();
            } catch (InvalidMessageException e) {
                problems.add(e.getMessage());
            }
        }
    }
}
