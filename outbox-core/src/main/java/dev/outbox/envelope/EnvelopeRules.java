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

    // Checked character by character rather than with patterns: the relay and every consumer check
    // each message's fields, and a regular expression match cost more than the rest of the check.
    private static final String TYPE_PUNCTUATION = "._:/-";
    private static final String NAME_PUNCTUATION = "._-";
    // Header names become JMS property names (with a prefix), so they must be Java identifiers.
    private static final int MAX_HEADER_NAME_LENGTH = 64;
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+( *;[ -~]*)?");

    private EnvelopeRules() {
    }

    public static String type(String type) {
        return matching("type", type, TYPE_PUNCTUATION, "letters, digits and . _ : / - (starting with a letter or digit)");
    }

    public static String destination(String destination) {
        return matching("destination", destination, NAME_PUNCTUATION,
                "an Artemis address name: letters, digits and . _ - (starting with a letter or digit)");
    }

    public static String service(String field, String service) {
        return matching(field, service, NAME_PUNCTUATION, "letters, digits and . _ - (starting with a letter or digit)");
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
        if (Payload.JSON.equals(contentType)) {
            return contentType;
        }
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
            if (!isHeaderName(name)) {
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

    private static String matching(String field, String value, String punctuation, String expected) {
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException(field + " is required");
        }
        if (value.length() > MAX_NAME_LENGTH || !isName(value, punctuation)) {
            throw new InvalidMessageException(field + " '" + value + "' is invalid: expected at most "
                    + MAX_NAME_LENGTH + " characters of " + expected);
        }
        return value;
    }

    /** @return whether the value is an ASCII letter or digit followed by letters, digits or the punctuation */
    private static boolean isName(String value, String punctuation) {
        if (!isLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLetterOrDigit(c) && punctuation.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the name is an ASCII letter followed by up to 63 letters, digits or {@code _} */
    private static boolean isHeaderName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_HEADER_NAME_LENGTH || !isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isLetterOrDigit(char c) {
        return isLetter(c) || (c >= '0' && c <= '9');
    }
}
