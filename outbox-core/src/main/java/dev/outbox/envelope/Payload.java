package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The body of a message and its media type. Textual payloads (JSON and {@code text/*}) are UTF-8
 * and travel as text; any other content type travels as raw bytes.
 */
public final class Payload {

    /** The content type of payloads serialized by the outbox itself. */
    public static final String JSON = "application/json";

    private final String contentType;
    private final byte[] bytes;
    /** Decided once: the relay and consumers ask for every message, and the answer takes a lower-casing. */
    private final boolean text;

    private Payload(String contentType, byte[] bytes) {
        this.contentType = contentType;
        this.bytes = bytes;
        this.text = isTextual(contentType);
    }

    /** A JSON document, given as text. */
    public static Payload json(String json) {
        if (json == null) {
            throw new InvalidMessageException("payload is required");
        }
        return new Payload(JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Bytes of the given content type. Textual content types require valid UTF-8, since they are
     * stored and delivered as text.
     */
    public static Payload of(String contentType, byte[] bytes) {
        if (bytes == null) {
            throw new InvalidMessageException("payload is required");
        }
        Payload payload = new Payload(EnvelopeRules.contentType(contentType), bytes.clone());
        if (payload.text) {
            requireUtf8(payload.bytes, payload.contentType);
        }
        return payload;
    }

    /** Text of the given content type, as a text column holds it; its UTF-8 is valid by construction. */
    static Payload ofText(String contentType, String text) {
        return new Payload(EnvelopeRules.contentType(contentType), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a content type is carried as text: JSON ({@code application/json}, {@code +json}) or {@code text/*}. */
    public static boolean isTextual(String contentType) {
        String base = contentType.toLowerCase(Locale.ROOT);
        int parameters = base.indexOf(';');
        if (parameters >= 0) {
            base = base.substring(0, parameters).trim();
        }
        return base.equals(JSON) || base.endsWith("+json") || base.startsWith("text/");
    }

    public String contentType() {
        return contentType;
    }

    public boolean isText() {
        return text;
    }

    /** @return a copy of the bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** @return the payload as text; only for {@linkplain #isText() textual} payloads */
    public String text() {
        if (!text) {
            throw new IllegalStateException("payload of type " + contentType + " is binary");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** @return lower-case hex SHA-256 of the bytes, the payload's part of the signed canonical form */
    public String sha256Hex() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static void requireUtf8(byte[] bytes, String contentType) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException("payload: content type " + contentType
                    + " is textual but the bytes are not valid UTF-8", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload that && contentType.equals(that.contentType) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Payload[" + contentType + ", " + bytes.length + " bytes]";
    }
}
