package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

import java.util.Base64;

/**
 * A key as written in configuration: {@code <algorithm>:<base64>}, for example
 * {@code hmac-sha256:3q2+7w...} or {@code ed25519:MC4CAQAwBQYDK2VwBCIEI...}.
 */
record KeySpec(SignatureAlgorithm algorithm, byte[] material) {

    static KeySpec parse(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException(what + " is missing: expected <algorithm>:<base64 key>");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidMessageException(what + " must have the form <algorithm>:<base64 key>, "
                    + "e.g. hmac-sha256:<base64 of 32 random bytes>");
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.fromLabel(text.substring(0, colon).trim());
        byte[] material;
        try {
            material = Base64.getDecoder().decode(text.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(what + " is not valid Base64 after '" + algorithm.label() + ":'", e);
        }
        if (algorithm == SignatureAlgorithm.HMAC_SHA256 && material.length < 32) {
            throw new InvalidMessageException(what + " is too short: an hmac-sha256 key needs at least 32 bytes, got "
                    + material.length);
        }
        return new KeySpec(algorithm, material);
    }
}
