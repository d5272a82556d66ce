package io.oasis.order.callback;

import io.oasis.common.signature.InvalidSignatureException;
import io.oasis.common.signature.SignedRequests;
import io.oasis.common.signature.UsedSignatures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The callbacks that third parties send without a token: the payment provider's webhook and the
 * carriers' shipment and delivery notices. Each carries {@code X-Oasis-Timestamp} and
 * {@code X-Oasis-Signature}, signed with that sender's shared secret over the timestamp, method, path
 * and body as {@link SignedRequests} says, so a notice for one order's shipment is good for nothing
 * else. A callback is accepted once, within the tolerance of its timestamp.
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

    public SignedCallbacks(Clock clock, UsedSignatures usedSignatures,
            @Value("${oasis.order.callback-tolerance}") Duration tolerance,
            @Value("${oasis.order.payment-webhook-secret}") String paymentSecret,
            @Value("${oasis.order.carrier-callback-secret}") String carrierSecret) {
        this.secrets = Map.of(Sender.PAYMENT_PROVIDER, paymentSecret, Sender.CARRIER, carrierSecret);
        this.senders = Map.of(
                Sender.PAYMENT_PROVIDER, new SignedRequests("the payment provider's webhook", TIMESTAMP, SIGNATURE,
                        paymentSecret, tolerance, clock, usedSignatures),
                Sender.CARRIER, new SignedRequests("carrier callbacks", TIMESTAMP, SIGNATURE, carrierSecret,
                        tolerance, clock, usedSignatures));
    }

    /**
     * Runs {@code effect} if the callback on {@code exchange} is signed by {@code sender}, fresh and not
     * seen before, in the transaction that records its signature as used.
     *
     * @throws InvalidSignatureException if it is missing, wrong, stale or used already
     */
    public <T> T accept(Sender sender, Exchange exchange, SignedRequests.Effect<T> effect) throws IOException {
        return senders.get(sender).accept(exchange, effect);
    }

    /** {@code sha256=<hex>} for a request signed at {@code timestamp}: what a sender computes. */
    public String sign(Sender sender, String timestamp, String method, String path, byte[] body) {
        return SignedRequests.sign(secrets.get(sender), timestamp, method, path, body);
    }
}
