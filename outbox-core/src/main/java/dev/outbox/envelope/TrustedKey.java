package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key a receiver trusts to verify envelopes of one sending service. Binding the key to the
 * service means a key can only vouch for its own service's messages.
 *
 * @see EnvelopeVerifier
 */
public final class TrustedKey {

    private final String keyId;
    private final String service;
    private final SignatureAlgorithm algorithm;
    private final SecretKeySpec hmacKey;
    private final PublicKey publicKey;

    private TrustedKey(String keyId, String service, SignatureAlgorithm algorithm, SecretKeySpec hmacKey, PublicKey publicKey) {
        this.keyId = keyId;
        this.service = service;
        this.algorithm = algorithm;
        this.hmacKey = hmacKey;
        this.publicKey = publicKey;
    }

    /**
     * @param keyId   the key id envelopes name
     * @param service the only sender whose envelopes this key may verify
     * @param spec    {@code hmac-sha256:<base64 secret>} or {@code ed25519:<base64 X.509 public key>}
     */
    public static TrustedKey parse(String keyId, String service, String spec) {
        EnvelopeRules.service("trusted key id", keyId);
        EnvelopeRules.service("service of trusted key '" + keyId + "'", service);
        KeySpec key = KeySpec.parse("trusted key '" + keyId + "'", spec);
        return switch (key.algorithm()) {
            case HMAC_SHA256 -> new TrustedKey(keyId, service, key.algorithm(), new SecretKeySpec(key.material(), "HmacSHA256"), null);
            case ED25519 -> new TrustedKey(keyId, service, key.algorithm(), null, ed25519Public(keyId, key.material()));
        };
    }

    public String keyId() {
        return keyId;
    }

    public String service() {
        return service;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    boolean matches(byte[] canonical, byte[] signature) throws GeneralSecurityException {
        return switch (algorithm) {
            case HMAC_SHA256 -> java.security.MessageDigest.isEqual(SigningKey.hmac(hmacKey, canonical), signature);
            case ED25519 -> {
                java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey);
                verifier.update(canonical);
                yield verifier.verify(signature);
            }
        };
    }

    private static PublicKey ed25519Public(String keyId, byte[] x509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new InvalidMessageException("trusted key '" + keyId + "' is not a Base64 X.509 Ed25519 public key", e);
        }
    }

    @Override
    public String toString() {
        return "TrustedKey[" + keyId + " of " + service + ", " + algorithm.label() + "]";
    }
}
