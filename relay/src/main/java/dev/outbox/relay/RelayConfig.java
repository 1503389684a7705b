package dev.outbox.relay;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The relay's validated, immutable configuration. Sources, highest precedence first: system
 * properties, environment variables, the {@code --config} properties file, the defaults of
 * {@link RelaySetting}.
 */
public final class RelayConfig {

    private static final Pattern RELAY_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern QUALIFIED_TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}");
    private static final Pattern WAL_PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final String ENV_DEBEZIUM_PREFIX = RelaySetting.environmentVariableFor(RelaySetting.DEBEZIUM_PREFIX);

    private final Map<RelaySetting, String> values;
    private final Map<String, String> debezium;
    private final JdbcUrl jdbcUrl;

    private RelayConfig(Map<RelaySetting, String> values, Map<String, String> debezium, JdbcUrl jdbcUrl) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        this.debezium = Collections.unmodifiableMap(new TreeMap<>(debezium));
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Reads every source and validates the result.
     *
     * @param file              the {@code --config} file, or {@code null}
     * @param environment       the process environment
     * @param systemProperties  the JVM's system properties
     * @throws InvalidConfigurationException listing every problem
     */
    public static RelayConfig load(Path file, Map<String, String> environment, Properties systemProperties) {
        List<String> problems = new ArrayList<>();
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            readFile(file, problems).forEach((name, value) -> merged.put(canonical(name), value));
        }
        environment.forEach((name, value) -> {
            if (RelaySetting.byName(name) != null || name.startsWith(ENV_DEBEZIUM_PREFIX)) {
                merged.put(canonical(name), value);
            }
        });
        systemProperties.stringPropertyNames().forEach(name -> {
            if (RelaySetting.byName(name) != null || name.startsWith(RelaySetting.DEBEZIUM_PREFIX)) {
                merged.put(canonical(name), systemProperties.getProperty(name));
            }
        });
        return validate(merged, problems);
    }

    /**
     * Builds a configuration from explicit values (property keys or environment variable names),
     * as tests and embedders do.
     *
     * @throws InvalidConfigurationException listing every problem
     */
    public static RelayConfig of(Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        Map<String, String> canonical = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (checkKnown(name, "the given settings", problems)) {
                canonical.put(canonical(name), value);
            }
        });
        return validate(canonical, problems);
    }

    /** @return the property key for a key or variable name, so that later sources replace earlier ones */
    private static String canonical(String name) {
        RelaySetting setting = RelaySetting.byName(name);
        if (setting != null) {
            return setting.key();
        }
        if (name.startsWith(ENV_DEBEZIUM_PREFIX)) {
            return RelaySetting.DEBEZIUM_PREFIX + name.substring(ENV_DEBEZIUM_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }
        return name;
    }

    private static Map<String, String> readFile(Path file, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add("--config " + file + ": cannot read the file (" + e.getMessage() + ")");
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (checkKnown(name, file.toString(), problems)) {
                values.put(name, properties.getProperty(name).trim());
            }
        }
        return values;
    }

    private static boolean checkKnown(String name, String source, List<String> problems) {
        if (RelaySetting.byName(name) != null || name.startsWith(RelaySetting.DEBEZIUM_PREFIX)
                || name.startsWith(ENV_DEBEZIUM_PREFIX)) {
            return true;
        }
        problems.add(name + " (in " + source + ") is not a relay setting; run with --help for the list");
        return false;
    }

    private static RelayConfig validate(Map<String, String> merged, List<String> problems) {
        Map<RelaySetting, String> values = new EnumMap<>(RelaySetting.class);
        Map<String, String> debezium = new LinkedHashMap<>();
        merged.forEach((name, value) -> {
            RelaySetting setting = RelaySetting.byName(name);
            if (setting != null) {
                values.put(setting, value);
            } else if (name.startsWith(RelaySetting.DEBEZIUM_PREFIX)) {
                debezium.put(name.substring(RelaySetting.DEBEZIUM_PREFIX.length()), value);
            }
        });
        for (RelaySetting setting : RelaySetting.values()) {
            String value = values.get(setting);
            if (value == null || (value.isBlank() && setting.isRequired())) {
                if (setting.isRequired()) {
                    problems.add(setting.key() + " (" + setting.environmentVariable() + ") is required: " + setting.description());
                } else {
                    values.put(setting, setting.defaultValue());
                }
            }
        }
        JdbcUrl jdbcUrl = null;
        if (values.get(RelaySetting.DB_URL) != null) {
            try {
                jdbcUrl = JdbcUrl.parse(values.get(RelaySetting.DB_URL));
            } catch (IllegalArgumentException e) {
                problems.add(name(RelaySetting.DB_URL) + ": " + e.getMessage());
            }
        }
        String brokerUrl = values.get(RelaySetting.BROKER_URL);
        if (!brokerUrl.matches("(tcp|ssl|vm|udp|jgroups)://.+|\\(.+\\).*")) {
            problems.add(name(RelaySetting.BROKER_URL) + ": '" + brokerUrl + "' is not an Artemis core URL such as tcp://localhost:61616");
        }
        matches(values, RelaySetting.RELAY_NAME, RELAY_NAME, "lower-case letters, digits and _, starting with a letter or _, at most 48", problems);
        matches(values, RelaySetting.OUTBOX_TABLE, QUALIFIED_TABLE, "schema.table, lower-case", problems);
        matches(values, RelaySetting.OFFSET_TABLE, IDENTIFIER, "a lower-case table name", problems);
        matches(values, RelaySetting.WAL_PREFIX, WAL_PREFIX, "letters, digits and _ . : -", problems);
        if (!values.get(RelaySetting.INVALID_ADDRESS).isEmpty()) {
            matches(values, RelaySetting.INVALID_ADDRESS, ADDRESS, "an address name (letters, digits and _ . : -) or empty", problems);
        }
        integer(values, RelaySetting.HTTP_PORT, -1, 65535, problems);
        integer(values, RelaySetting.POLL_INTERVAL_MS, 1, 60_000, problems);
        Integer batch = integer(values, RelaySetting.MAX_BATCH_SIZE, 1, 100_000, problems);
        Integer queue = integer(values, RelaySetting.MAX_QUEUE_SIZE, 2, 1_000_000, problems);
        if (batch != null && queue != null && queue <= batch) {
            problems.add(name(RelaySetting.MAX_QUEUE_SIZE) + " (" + queue + ") must be larger than "
                    + name(RelaySetting.MAX_BATCH_SIZE) + " (" + batch + ")");
        }
        integer(values, RelaySetting.STARTUP_TIMEOUT_MS, 1000, Integer.MAX_VALUE, problems);
        integer(values, RelaySetting.SHUTDOWN_TIMEOUT_MS, 100, Integer.MAX_VALUE, problems);
        integer(values, RelaySetting.RETRY_MAX_BACKOFF_MS, 10, Integer.MAX_VALUE, problems);
        integer(values, RelaySetting.RESTART_MAX_BACKOFF_MS, 100, Integer.MAX_VALUE, problems);
        Integer heartbeat = integer(values, RelaySetting.HEARTBEAT_INTERVAL_MS, 0, Integer.MAX_VALUE, problems);
        if (heartbeat != null && heartbeat > 0 && heartbeat < 100) {
            problems.add(name(RelaySetting.HEARTBEAT_INTERVAL_MS) + ": " + heartbeat + " is too short, use 0 (off) or at least 100");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new RelayConfig(values, debezium, jdbcUrl);
    }

    private static void matches(Map<RelaySetting, String> values, RelaySetting setting, Pattern pattern, String expected,
                                List<String> problems) {
        String value = values.get(setting);
        if (!pattern.matcher(value).matches()) {
            problems.add(name(setting) + ": '" + value + "' is not valid, expected " + expected);
        }
    }

    private static Integer integer(Map<RelaySetting, String> values, RelaySetting setting, int min, int max, List<String> problems) {
        String value = values.get(setting);
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                problems.add(name(setting) + ": " + number + " is out of range " + min + ".." + max);
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(name(setting) + ": '" + value + "' is not a whole number");
            return null;
        }
    }

    private static String name(RelaySetting setting) {
        return setting.key() + " (" + setting.environmentVariable() + ")";
    }

    /** @return the value of a setting, never {@code null} */
    public String get(RelaySetting setting) {
        return values.get(setting);
    }

    public int getInt(RelaySetting setting) {
        return Integer.parseInt(values.get(setting).trim());
    }

    public JdbcUrl jdbcUrl() {
        return jdbcUrl;
    }

    public String relayName() {
        return get(RelaySetting.RELAY_NAME);
    }

    /** @return Debezium settings given through {@link RelaySetting#DEBEZIUM_PREFIX}, prefix removed */
    public Map<String, String> debeziumOverrides() {
        return debezium;
    }

    /** @return the effective configuration, one key per line, secrets masked */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (RelaySetting setting : RelaySetting.values()) {
            text.append("\n  ").append(setting.key()).append(" = ").append(mask(setting.isSecret(), values.get(setting)));
        }
        debezium.forEach((name, value) -> text.append("\n  ").append(RelaySetting.DEBEZIUM_PREFIX).append(name).append(" = ")
                .append(mask(isSecretName(name), value)));
        return text.toString();
    }

    private static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token");
    }

    private static String mask(boolean secret, String value) {
        if (!secret) {
            return value;
        }
        return value == null || value.isEmpty() ? "(empty)" : "****";
    }

    /** @return the text of {@code --help}: usage, then every key with its variable, default and meaning */
    public static String help() {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar outbox-relay.jar [--config FILE] [--help]\n\n")
                .append("Streams committed outbox entries from PostgreSQL to Apache ActiveMQ Artemis.\n")
                .append("Each setting is read from the system property KEY, else the environment variable VAR,\n")
                .append("else the --config properties file (KEY or VAR), else its default.\n\n");
        for (RelaySetting setting : RelaySetting.values()) {
            text.append(setting.key()).append("  (").append(setting.environmentVariable()).append(")\n")
                    .append("    ").append(setting.description()).append('\n')
                    .append("    default: ").append(setting.isRequired() ? "none, required"
                            : setting.defaultValue().isEmpty() ? "empty" : setting.defaultValue()).append("\n");
        }
        text.append(RelaySetting.DEBEZIUM_PREFIX).append("*  (").append(ENV_DEBEZIUM_PREFIX).append("*)\n")
                .append("    Passed to Debezium's PostgreSQL connector and engine with the prefix removed (in a variable,\n")
                .append("    _ stands for .), e.g. outbox.debezium.heartbeat.interval.ms=10000. Overrides the relay's choices.\n");
        return text.toString();
    }
}
