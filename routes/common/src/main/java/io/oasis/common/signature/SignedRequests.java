package io.oasis.common.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requests that a third party (a CRM, a payment provider, a carrier) signs instead of sending a
 * token. Each carries a timestamp header (seconds since the epoch) and a signature header
 * {@code sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">} made with a secret shared with that
 * sender. The timestamp is inside the signature and must lie within the tolerance of now, so a
 * captured request cannot be played again later with a fresh one.
 */
public final class SignedRequests {

    public static final String SCHEME = "sha256=";

    private final String sender;
    private final String timestampHeader;
    private final String signatureHeader;
    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param sender who signs, for messages ("the CRM webhook")
     * @param secret the shared secret; null or blank refuses every request (nothing configured)
     */
    public SignedRequests(String sender, String timestampHeader, String signatureHeader, String secret,
            Duration tolerance, Clock clock) {
        this.sender = sender;
        this.timestampHeader = timestampHeader;
        this.signatureHeader = signatureHeader;
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public boolean isConfigured() {
        return secret != null;
    }

    /**
     * Checks that {@code body} was signed with the shared secret at a moment within the tolerance.
     *
     * @throws InvalidSignatureException when it was not
     */
    public void verify(String timestamp, String signature, byte[] body) {
        if (secret == null) {
            throw new InvalidSignatureException("No shared secret for " + sender + " is configured here, so "
                    + "every call is refused.");
        }
        if (timestamp == null || signature == null) {
            throw new InvalidSignatureException("Sign the request: send " + timestampHeader + " and "
                    + signatureHeader + " (" + SCHEME + "...).");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | DateTimeException e) {
            throw new InvalidSignatureException(timestampHeader + " must be seconds since the epoch.");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw new InvalidSignatureException(timestampHeader + " is too far from now: the request is refused "
                    + "as a possible replay.");
        }
        if (!matches(secret, timestamp.trim(), body, signature)) {
            throw new InvalidSignatureException("The signature does not match the request.");
        }
    }

    /** The signature header value a sender computes for a body at a timestamp. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
    }

    private static boolean matches(byte[] secret, String timestamp, byte[] body, String header) {
        String value = header.trim();
        if (!value.startsWith(SCHEME)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(SCHEME.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        // Constant time, so the comparison does not tell how much of a guess was right.
        return MessageDigest.isEqual(hmac(secret, timestamp, body), given);
    }

    private static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
