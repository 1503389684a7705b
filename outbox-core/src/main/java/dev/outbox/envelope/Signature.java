package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

/**
 * The sender's signature over an envelope's {@linkplain CanonicalForm canonical form}.
 *
 * @param keyId names the key that signed, so keys can be rotated; part of what is signed
 * @param value the signature bytes, Base64 (RFC 4648, with padding)
 */
public record Signature(String keyId, String value) {

    public Signature {
        EnvelopeRules.service("signature key id", keyId);
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException("signature value is required");
        }
    }
}
