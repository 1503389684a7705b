package dev.outbox.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Fresh keys for tests; nothing here is a real secret. */
public final class TestKeys {

    private TestKeys() {
    }

    /** @return {@code hmac-sha256:<base64 of 32 random bytes>} */
    public static String hmacKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return "hmac-sha256:" + Base64.getEncoder().encodeToString(secret);
    }

    /** @return {@code [signing spec, trusted spec]} of a new Ed25519 key pair */
    public static String[] ed25519KeyPair() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new String[] {
                    "ed25519:" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    "ed25519:" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
