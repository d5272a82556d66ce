package io.oasis.order.callback;

import io.oasis.common.signature.InvalidSignatureException;
import io.oasis.common.signature.SignedRequests;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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

    /** Whose secret signs a callback. */
    public enum Sender {
        PAYMENT_PROVIDER, CARRIER
    }

    private final Map<Sender, SignedRequests> senders;
    private final Map<Sender, String> secrets;

    public SignedCallbacks(Clock clock, @Value("${oasis.order.callback-tolerance}") Duration tolerance,
            @Value("${oasis.order.payment-webhook-secret}") String paymentSecret,
            @Value("${oasis.order.carrier-callback-secret}") String carrierSecret) {
        this.secrets = Map.of(Sender.PAYMENT_PROVIDER, paymentSecret, Sender.CARRIER, carrierSecret);
        this.senders = Map.of(
                Sender.PAYMENT_PROVIDER, new SignedRequests("the payment provider's webhook", TIMESTAMP, SIGNATURE,
                        paymentSecret, tolerance, clock),
                Sender.CARRIER, new SignedRequests("carrier callbacks", TIMESTAMP, SIGNATURE, carrierSecret,
                        tolerance, clock));
    }

    /**
     * Verifies the signature and freshness of a callback.
     *
     * @throws InvalidSignatureException if it is missing, wrong or stale
     */
    public void verify(Sender sender, String timestamp, String signature, byte[] body) {
        senders.get(sender).verify(timestamp, signature, body);
    }

    /** {@code sha256=<hex>} for a body signed at {@code timestamp}: what a sender computes. */
    public String sign(Sender sender, String timestamp, byte[] body) {
        return SignedRequests.sign(secrets.get(sender), timestamp, body);
    }
}
