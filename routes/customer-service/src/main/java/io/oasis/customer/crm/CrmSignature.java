package io.oasis.customer.crm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CRM webhook's signature: {@code X-Crm-Signature: sha256=<hex>}, the HMAC-SHA256 with the shared
 * secret of {@code <X-Crm-Timestamp>.<raw body>}. The timestamp is signed too, so an old call cannot be
 * sent again with a fresh one.
 */
public final class CrmSignature {

    public static final String SIGNATURE_HEADER = "X-Crm-Signature";
    /** Unix time in seconds when the CRM sent the call. */
    public static final String TIMESTAMP_HEADER = "X-Crm-Timestamp";
    static final String SCHEME = "sha256=";

    private CrmSignature() {
    }

    /** The header value for a body sent at a timestamp. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /** True if the header carries the right signature; compared in constant time. */
    public static boolean matches(String secret, String timestamp, byte[] body, String header) {
        if (header == null || !header.trim().startsWith(SCHEME)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.trim().substring(SCHEME.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, timestamp, body), given);
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
