package dev.outbox.relay.testing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a build may choose about the test broker beyond what every test needs, from system
 * properties. A property that is not set, or blank (as Maven passes a property left empty), leaves
 * the broker as {@code artemis create} made it.
 *
 * <ul>
 *   <li>{@code outbox.test.artemis.consumer-address-match}: the addresses (an Artemis match such as
 *       {@code bench.#}) whose consumers are the framework's. They retry with their own back-off and
 *       dead-letter with a reason, so on these addresses the broker neither delays a redelivery (the
 *       next message of a group would overtake the one retried) nor dead-letters after its own count
 *       of attempts (10 in the generated configuration).</li>
 * </ul>
 */
final class ArtemisBrokerOptions {

    static final String CONSUMER_ADDRESS_MATCH = "outbox.test.artemis.consumer-address-match";

    private static final Pattern ADDRESS_SETTINGS = Pattern.compile("<address-settings>");

    private final Optional<String> consumerAddressMatch;

    private ArtemisBrokerOptions(Optional<String> consumerAddressMatch) {
        this.consumerAddressMatch = consumerAddressMatch;
    }

    static ArtemisBrokerOptions fromSystemProperties() {
        return new ArtemisBrokerOptions(property(CONSUMER_ADDRESS_MATCH).map(ArtemisBrokerOptions::addressMatch));
    }

    /** @return the generated {@code broker.xml} with these options applied */
    String applyTo(String brokerXml) {
        String xml = brokerXml;
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
        return consumerAddressMatch.map(match -> "consumer addresses " + match + " (no redelivery delay, no dead-lettering by the broker)");
    }

    private static String insertAfter(String xml, Pattern anchor, String insertion) {
        Matcher matcher = anchor.matcher(xml);
        if (!matcher.find()) {
            // A new Artemis version generated a different broker.xml: better to fail than to measure something else.
            throw new IllegalStateException("the generated broker.xml has no " + anchor.pattern());
        }
        return xml.substring(0, matcher.end()) + insertion + xml.substring(matcher.end());
    }

    private static String addressMatch(String value) {
        if (!value.matches("[\\w.#*-]+")) {
            throw new IllegalStateException("system property " + CONSUMER_ADDRESS_MATCH + " must be an Artemis address match"
                    + " such as bench.#, was '" + value + "'");
        }
        return value;
    }

    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
