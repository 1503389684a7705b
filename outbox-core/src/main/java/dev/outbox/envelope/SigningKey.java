package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a service signs its envelopes with. Thread-safe.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.parse("game-2026-12", "hmac-sha256:" + base64Secret);
 * Envelope signed = key.sign(envelope);
 * }</pre>
 */
public final class SigningKey {

    private final String keyId;
    private final SignatureAlgorithm algorithm;
    private final SecretKeySpec hmacKey;
    private final PrivateKey privateKey;

    private SigningKey(String keyId, SignatureAlgorithm algorithm, SecretKeySpec hmacKey, PrivateKey privateKey) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.hmacKey = hmacKey;
        this.privateKey = privateKey;
    }

    /**
     * @param keyId names the key; receivers look up the verifying key by this name
     * @param spec  {@code hmac-sha256:<base64 secret>} or {@code ed25519:<base64 PKCS#8 private key>}
     */
    public static SigningKey parse(String keyId, String spec) {
        EnvelopeRules.service("signing key id", keyId);
        KeySpec key = KeySpec.parse("signing key '" + keyId + "'", spec);
        return switch (key.algorithm()) {
            case HMAC_SHA256 -> new SigningKey(keyId, key.algorithm(), new SecretKeySpec(key.material(), "HmacSHA256"), null);
            case ED25519 -> new SigningKey(keyId, key.algorithm(), null, ed25519Private(keyId, key.material()));
        };
    }

    public String keyId() {
        return keyId;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** @return the envelope carrying this key's signature over its canonical form */
    public Envelope sign(Envelope envelope) {
        byte[] canonical = CanonicalForm.of(envelope, keyId);
        byte[] signature;
        try {
            signature = switch (algorithm) {
                case HMAC_SHA256 -> hmac(hmacKey, canonical);
                case ED25519 -> {
                    java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
                    signer.initSign(privateKey);
                    signer.update(canonical);
                    yield signer.sign();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with key '" + keyId + "' failed", e);
        }
        return envelope.withSignature(new Signature(keyId, Base64.getEncoder().encodeToString(signature)));
    }

    static byte[] hmac(SecretKeySpec key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac.doFinal(data);
    }

    private static PrivateKey ed25519Private(String keyId, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new InvalidMessageException("signing key '" + keyId
                    + "' is not a Base64 PKCS#8 Ed25519 private key", e);
        }
    }

    @Override
    public String toString() {
        // Never print key material.
        return "SigningKey[" + keyId + ", " + algorithm.label() + "]";
    }
}
