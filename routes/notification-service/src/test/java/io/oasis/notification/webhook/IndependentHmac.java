package io.oasis.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A receiver's check of a Standard Webhooks signature, written apart from the service's code: HMAC-SHA256
 * built from SHA-256 by its definition (RFC 2104), not with {@code javax.crypto.Mac}.
 */
final class IndependentHmac {

    private static final int BLOCK = 64;

    private IndependentHmac() {
    }

    /** The {@code webhook-signature} a receiver expects for this secret, id, timestamp and body. */
    static String expectedSignature(String secret, String id, String timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmacSha256(key, message));
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            if (key.length > BLOCK) {
                key = MessageDigest.getInstance("SHA-256").digest(key);
            }
            byte[] inner = new byte[BLOCK];
            byte[] outer = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte k = i < key.length ? key[i] : 0;
                inner[i] = (byte) (k ^ 0x36);
                outer[i] = (byte) (k ^ 0x5c);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(inner);
            byte[] innerHash = sha.digest(message);
            sha.update(outer);
            return sha.digest(innerHash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
