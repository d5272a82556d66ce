package io.oasis.order.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks the callbacks that third parties send without a token: the payment provider's webhook and
 * the carriers' shipment and delivery notices. Each request carries
 * <ul>
 * <li>{@code X-Oasis-Timestamp}: seconds since the epoch when it was signed, and</li>
 * <li>{@code X-Oasis-Signature}: {@code sha256=} and the hex HMAC-SHA256 of {@code <timestamp>.<body>}
 * with the shared secret of that sender.</li>
 * </ul>
 * A request signed longer ago (or further ahead) than the tolerance is refused, so a captured request
 * cannot be played again later; within the window a repeat changes nothing, because every callback's
 * effect is idempotent (a payment id or a status already recorded is not applied twice).
 */
@Component
public class SignedCallbacks {

    public static final String TIMESTAMP = "X-Oasis-Timestamp";
    public static final String SIGNATURE = "X-Oasis-Signature";
    private static final String SCHEME = "sha256=";

    /** Whose secret signs a callback. */
    public enum Sender {
        PAYMENT_PROVIDER, CARRIER
    }

    private final Clock clock;
    private final Duration tolerance;
    private final byte[] paymentSecret;
    private final byte[] carrierSecret;

    public SignedCallbacks(Clock clock, @Value("${oasis.order.callback-tolerance}") Duration tolerance,
            @Value("${oasis.order.payment-webhook-secret}") String paymentSecret,
            @Value("${oasis.order.carrier-callback-secret}") String carrierSecret) {
        this.clock = clock;
        this.tolerance = tolerance;
        this.paymentSecret = paymentSecret.getBytes(StandardCharsets.UTF_8);
        this.carrierSecret = carrierSecret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Verifies the signature and freshness of a callback.
     *
     * @throws InvalidSignatureException if it is missing, wrong or stale
     */
    public void verify(Sender sender, String timestamp, String signature, byte[] body) {
        if ((sender == Sender.PAYMENT_PROVIDER ? paymentSecret : carrierSecret).length == 0) {
            throw new InvalidSignatureException("This service has no shared secret for " + sender
                    + " callbacks configured, so it accepts none.");
        }
        if (timestamp == null || signature == null || !signature.startsWith(SCHEME)) {
            throw new InvalidSignatureException("Sign the request: " + TIMESTAMP + " and " + SIGNATURE + " (sha256=...).");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSignatureException(TIMESTAMP + " must be seconds since the epoch.");
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs().compareTo(tolerance) > 0) {
            throw new InvalidSignatureException("The request was signed too long ago (or in the future).");
        }
        byte[] expected = sign(sender, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidSignatureException("The signature does not match the request.");
        }
    }

    /** {@code sha256=<hex>} for a body signed at {@code timestamp}: what a sender computes. */
    public String sign(Sender sender, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sender == Sender.PAYMENT_PROVIDER ? paymentSecret : carrierSecret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
