package dev.outbox.consumer;

import dev.outbox.InvalidMessageException;
import dev.outbox.OutboxConfigurationException;
import dev.outbox.envelope.EnvelopeVerifier;
import dev.outbox.envelope.TrustedKey;
import dev.outbox.internal.OutboxSetting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The receiving side's configuration: the keys senders are verified with, retries, the
 * dead-letter address and inbox retention. Read with {@link #fromEnvironment()}; keys and
 * defaults are listed in the README ("Configuration").
 *
 * @param trustedKeys       the keys senders are verified with
 * @param maxAttempts       attempts of a failing handler before its message is dead-lettered
 * @param firstRetryDelay   wait before the second attempt
 * @param maxRetryDelay     longest wait between attempts
 * @param deadLetterAddress the queue dead letters go to
 * @param connectionFactory JNDI name of the transactional connection factory dead letters are sent with
 * @param inboxRetention    how long handled message ids are kept
 * @param dataSourceName    JNDI name of the JTA datasource holding the inbox, unless a {@code @OutboxDataSource} bean exists
 */
public record ConsumerSettings(List<TrustedKey> trustedKeys, int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay,
                               String deadLetterAddress, String connectionFactory, Duration inboxRetention, String dataSourceName) {

    public ConsumerSettings {
        trustedKeys = List.copyOf(trustedKeys);
    }

    /** Reads the {@code outbox.*} keys from system properties, then environment variables. */
    public static ConsumerSettings fromEnvironment() {
        return from("outbox", key -> {
            String value = System.getProperty(key);
            return value != null ? value : System.getenv(OutboxSetting.environmentVariableFor(key));
        });
    }

    /**
     * @param lookup from full key (e.g. {@code outbox.trusted-keys}) to value, {@code null} when unset
     * @throws OutboxConfigurationException listing every invalid key
     */
    public static ConsumerSettings from(String prefix, Function<String, String> lookup) {
        List<String> problems = new ArrayList<>();
        Function<OutboxSetting, String> value = setting -> {
            String configured = lookup.apply(setting.key(prefix));
            return configured != null ? configured.trim() : setting.defaultValue();
        };
        List<TrustedKey> keys = new ArrayList<>();
        for (String entry : value.apply(OutboxSetting.TRUSTED_KEYS).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3) {
                problems.add(OutboxSetting.TRUSTED_KEYS.key(prefix) + ": entry starting '" + parts[0]
                        + "' must be <key id>:<sender service>:<algorithm>:<base64 key>");
                continue;
            }
            try {
                keys.add(TrustedKey.parse(parts[0], parts[1], parts[2]));
            } catch (InvalidMessageException e) {
                problems.add(OutboxSetting.TRUSTED_KEYS.key(prefix) + ": " + e.getMessage());
            }
        }
        int attempts = positive(problems, prefix, OutboxSetting.CONSUMER_MAX_ATTEMPTS, value);
        int retryDelay = positive(problems, prefix, OutboxSetting.CONSUMER_RETRY_DELAY_MS, value);
        int maxRetryDelay = positive(problems, prefix, OutboxSetting.CONSUMER_MAX_RETRY_DELAY_MS, value);
        int retention = positive(problems, prefix, OutboxSetting.INBOX_RETENTION_HOURS, value);
        if (!problems.isEmpty()) {
            throw new OutboxConfigurationException(problems);
        }
        return new ConsumerSettings(keys, attempts, Duration.ofMillis(retryDelay), Duration.ofMillis(Math.max(retryDelay, maxRetryDelay)),
                value.apply(OutboxSetting.DEAD_LETTER_ADDRESS), value.apply(OutboxSetting.CONSUMER_CONNECTION_FACTORY),
                Duration.ofHours(retention), value.apply(OutboxSetting.DATASOURCE));
    }

    /** @return a verifier trusting exactly the configured keys */
    public EnvelopeVerifier verifier() {
        return EnvelopeVerifier.of(trustedKeys);
    }

    private static int positive(List<String> problems, String prefix, OutboxSetting setting, Function<OutboxSetting, String> value) {
        String text = value.apply(setting);
        try {
            int number = Integer.parseInt(text);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(setting.key(prefix) + ": expected a positive whole number, was '" + text + "'");
        return 1;
    }

    @Override
    public String toString() {
        return "ConsumerSettings[trustedKeys=" + trustedKeys + ", maxAttempts=" + maxAttempts + ", retryDelay=" + firstRetryDelay
                + ".." + maxRetryDelay + ", deadLetterAddress=" + deadLetterAddress + ", connectionFactory=" + connectionFactory
                + ", inboxRetention=" + inboxRetention + ", dataSource=" + dataSourceName + "]";
    }
}
