package dev.outbox.envelope;

import dev.outbox.envelope.SignatureVerificationException.Problem;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks that an envelope was signed by its sender and not altered since. Thread-safe.
 *
 * <pre>{@code
 * EnvelopeVerifier verifier = EnvelopeVerifier.of(List.of(
 *         TrustedKey.parse("game-2026-12", "game", "hmac-sha256:...")));
 * verifier.verify(envelope);   // throws SignatureVerificationException
 * }</pre>
 */
public final class EnvelopeVerifier {

    private final Map<String, TrustedKey> keysById;

    private EnvelopeVerifier(Map<String, TrustedKey> keysById) {
        this.keysById = keysById;
    }

    /** @param keys every key this receiver trusts; key ids must be unique */
    public static EnvelopeVerifier of(Collection<TrustedKey> keys) {
        return new EnvelopeVerifier(keys.stream().collect(Collectors.toUnmodifiableMap(TrustedKey::keyId, Function.identity())));
    }

    /**
     * @throws SignatureVerificationException if the envelope is unsigned, names an unknown key, names
     *         a key of another service, or its signature does not match its content
     */
    public void verify(Envelope envelope) {
        Signature signature = envelope.signature();
        if (signature == null) {
            throw new SignatureVerificationException(Problem.UNSIGNED, "message " + envelope.id() + " is not signed");
        }
        TrustedKey key = keysById.get(signature.keyId());
        if (key == null) {
            throw new SignatureVerificationException(Problem.UNKNOWN_KEY, "message " + envelope.id()
                    + " is signed with key '" + signature.keyId() + "', which is not trusted here");
        }
        if (!key.service().equals(envelope.sender())) {
            throw new SignatureVerificationException(Problem.WRONG_SENDER, "message " + envelope.id()
                    + " claims sender '" + envelope.sender() + "' but key '" + key.keyId() + "' belongs to '"
                    + key.service() + "'");
        }
        boolean valid;
        try {
            valid = key.matches(CanonicalForm.of(envelope, key.keyId()), Base64.getDecoder().decode(signature.value()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new SignatureVerificationException(Problem.MISMATCH, "message " + envelope.id()
                    + " does not match its signature: it was forged or altered after signing");
        }
    }
}
