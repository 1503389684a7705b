package dev.outbox.relay.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a build may choose about the test broker beyond what every test needs, from system
 * properties. A property that is not set, or blank (as Maven passes a property left empty), leaves
 * the broker as {@code artemis create} made it.
 *
 * <ul>
 *   <li>{@code outbox.test.artemis.journal-buffer-timeout}: nanoseconds the journal gathers writes
 *       before it syncs them to disk at once. {@code artemis create --no-autotune} writes none, so
 *       Artemis's default for the NIO journal applies: 3,333,333 ns (at most 300 syncs a second).</li>
 *   <li>{@code outbox.test.artemis.journal-datasync}: {@code false} writes the journal without
 *       fdatasync ({@code artemis create --no-fsync}). For measurement only: a broker that loses
 *       power then loses messages it had confirmed.</li>
 *   <li>{@code outbox.test.artemis.consumer-address-match}: the addresses (an Artemis match such as
 *       {@code bench.#}) whose consumers are the framework's. They retry with their own back-off and
 *       dead-letter with a reason, so on these addresses the broker neither delays a redelivery (the
 *       next message of a group would overtake the one retried) nor dead-letters after its own count
 *       of attempts (10 in the generated configuration).</li>
 * </ul>
 */
final class ArtemisBrokerOptions {

    static final String JOURNAL_BUFFER_TIMEOUT = "outbox.test.artemis.journal-buffer-timeout";
    static final String JOURNAL_DATASYNC = "outbox.test.artemis.journal-datasync";
    static final String CONSUMER_ADDRESS_MATCH = "outbox.test.artemis.consumer-address-match";

    private static final Pattern JOURNAL_DATASYNC_ELEMENT = Pattern.compile("<journal-datasync>\\w+</journal-datasync>");
    private static final Pattern ADDRESS_SETTINGS = Pattern.compile("<address-settings>");

    private final Optional<Integer> journalBufferTimeoutNanos;
    private final Optional<Boolean> journalDatasync;
    private final Optional<String> consumerAddressMatch;

    private ArtemisBrokerOptions(Optional<Integer> journalBufferTimeoutNanos, Optional<Boolean> journalDatasync,
            Optional<String> consumerAddressMatch) {
        this.journalBufferTimeoutNanos = journalBufferTimeoutNanos;
        this.journalDatasync = journalDatasync;
        this.consumerAddressMatch = consumerAddressMatch;
    }

    static ArtemisBrokerOptions fromSystemProperties() {
        return from(System::getProperty);
    }

    /** @param properties the value of a property by name, {@code null} when not set */
    static ArtemisBrokerOptions from(UnaryOperator<String> properties) {
        return new ArtemisBrokerOptions(property(properties, JOURNAL_BUFFER_TIMEOUT).map(ArtemisBrokerOptions::nanoseconds),
                property(properties, JOURNAL_DATASYNC).map(ArtemisBrokerOptions::trueOrFalse),
                property(properties, CONSUMER_ADDRESS_MATCH).map(ArtemisBrokerOptions::addressMatch));
    }

    /** @return what to add to {@code artemis create} */
    List<String> createArguments() {
        List<String> arguments = new ArrayList<>();
        if (journalDatasync.equals(Optional.of(false))) {
            arguments.add("--no-fsync");
        }
        return arguments;
    }

    /** @return the generated {@code broker.xml} with these options applied */
    String applyTo(String brokerXml) {
        String xml = brokerXml;
        if (journalBufferTimeoutNanos.isPresent()) {
            xml = insertAfter(xml, JOURNAL_DATASYNC_ELEMENT,
                    "\n      <journal-buffer-timeout>" + journalBufferTimeoutNanos.get() + "</journal-buffer-timeout>");
        }
        if (consumerAddressMatch.isPresent()) {
            // More specific than the generated "#", so it wins for these two values and inherits the rest.
            xml = insertAfter(xml, ADDRESS_SETTINGS, "\n         <address-setting match=\"" + consumerAddressMatch.get() + "\">"
                    + "\n            <redelivery-delay>0</redelivery-delay>"
                    + "\n            <max-delivery-attempts>-1</max-delivery-attempts>"
                    + "\n         </address-setting>");
        }
        return xml;
    }

    /** @return the options in effect, for the one line a run prints; empty when none is set */
    Optional<String> describe() {
        List<String> chosen = new ArrayList<>();
        journalBufferTimeoutNanos.ifPresent(nanos -> chosen.add("journal-buffer-timeout " + nanos + " ns"));
        journalDatasync.ifPresent(datasync -> chosen.add("journal-datasync " + datasync));
        consumerAddressMatch.ifPresent(match -> chosen.add("consumer addresses " + match + " (no redelivery delay, no dead-lettering by the broker)"));
        return chosen.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", chosen));
    }

    private static String insertAfter(String xml, Pattern anchor, String insertion) {
        Matcher matcher = anchor.matcher(xml);
        if (!matcher.find()) {
            // A new Artemis version generated a different broker.xml: better to fail than to measure something else.
            throw new IllegalStateException("the generated broker.xml has no " + anchor.pattern());
        }
        return xml.substring(0, matcher.end()) + insertion + xml.substring(matcher.end());
    }

    /** Artemis reads the timeout as an int. */
    private static int nanoseconds(String value) {
        try {
            int nanos = Integer.parseInt(value);
            if (nanos >= 0) {
                return nanos;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw new IllegalStateException("system property " + JOURNAL_BUFFER_TIMEOUT + " must be nanoseconds >= 0, was '" + value + "'");
    }

    private static boolean trueOrFalse(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException("system property " + JOURNAL_DATASYNC + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static String addressMatch(String value) {
        if (!value.matches("[\\w.#*-]+")) {
            throw new IllegalStateException("system property " + CONSUMER_ADDRESS_MATCH + " must be an Artemis address match"
                    + " such as bench.#, was '" + value + "'");
        }
        return value;
    }

    private static Optional<String> property(UnaryOperator<String> properties, String name) {
        return Optional.ofNullable(properties.apply(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
