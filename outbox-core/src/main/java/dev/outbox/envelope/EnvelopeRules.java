package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The shape every envelope field must have, checked wherever an envelope is built (by the
 * {@code Outbox}, by the relay reading the database, by a consumer reading the broker) so all of
 * them reject the same input with the same message.
 */
public final class EnvelopeRules {

    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_HEADER_VALUE_LENGTH = 4096;

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");
    private static final Pattern DESTINATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    // Header names become JMS property names (with a prefix), so they must be Java identifiers.
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+( *;[ -~]*)?");

    private EnvelopeRules() {
    }

    public static String type(String type) {
        return matching("type", type, TYPE, "letters, digits and . _ : / - (starting with a letter or digit)");
    }

    public static String destination(String destination) {
        return matching("destination", destination, DESTINATION,
                "an Artemis address name: letters, digits and . _ - (starting with a letter or digit)");
    }

    public static String service(String field, String service) {
        return matching(field, service, SERVICE, "letters, digits and . _ - (starting with a letter or digit)");
    }

    public static String key(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidMessageException("key is required: the ordering key, e.g. key(\"game\", gameId)");
        }
        if (key.length() > MAX_NAME_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMessageException("key must be at most " + MAX_NAME_LENGTH
                    + " characters without control characters, was '" + key + "'");
        }
        return key;
    }

    public static String contentType(String contentType) {
        if (contentType == null || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new InvalidMessageException("payload content type must be a media type such as "
                    + "application/octet-stream, was '" + contentType + "'");
        }
        return contentType;
    }

    /** @return the headers as an unmodifiable map sorted by name */
    public static Map<String, String> headers(Map<String, String> headers) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (headers == null) {
            return java.util.Collections.unmodifiableSortedMap(sorted);
        }
        headers.forEach((name, value) -> {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new InvalidMessageException("header name '" + name
                        + "' is invalid: a letter, then up to 63 letters, digits or _");
            }
            if (value == null) {
                throw new InvalidMessageException("header '" + name + "' has no value");
            }
            if (value.length() > MAX_HEADER_VALUE_LENGTH) {
                throw new InvalidMessageException("header '" + name + "' is longer than "
                        + MAX_HEADER_VALUE_LENGTH + " characters");
            }
            sorted.put(name, value);
        });
        return java.util.Collections.unmodifiableSortedMap(sorted);
    }

    private static String matching(String field, String value, Pattern pattern, String expected) {
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException(field + " is required");
        }
        if (value.length() > MAX_NAME_LENGTH || !pattern.matcher(value).matches()) {
            throw new InvalidMessageException(field + " '" + value + "' is invalid: expected at most "
                    + MAX_NAME_LENGTH + " characters of " + expected);
        }
        return value;
    }
}
