package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How envelopes are signed. HMAC is fast and needs a secret shared between sender and receivers;
 * Ed25519 gives receivers only a public key, so no receiver can sign in the sender's name.
 */
public enum SignatureAlgorithm {
    /** HMAC with SHA-256; the key is a shared secret of at least 32 bytes. */
    HMAC_SHA256("hmac-sha256"),
    /** Ed25519 (RFC 8032); sign with a PKCS#8 private key, verify with an X.509 public key. */
    ED25519("ed25519");

    private final String label;

    SignatureAlgorithm(String label) {
        this.label = label;
    }

    /** @return the name used in configuration, e.g. {@code hmac-sha256} */
    public String label() {
        return label;
    }

    /** @return the algorithm with the given configuration name */
    public static SignatureAlgorithm fromLabel(String label) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.label.equals(label == null ? null : label.toLowerCase(Locale.ROOT))) {
                return algorithm;
            }
        }
        throw new InvalidMessageException("unknown signature algorithm '" + label + "', expected one of "
                + Arrays.stream(values()).map(SignatureAlgorithm::label).collect(Collectors.joining(", ")));
    }
}
