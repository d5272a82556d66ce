package io.oasis.order.money;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes a refused payment or refund notice visible beyond the order's history: a warning in the log and
 * the counter {@code oasis.order.payment.mismatches} (by notice kind), which an alert can watch, since a
 * run of them means the provider and the shop disagree about prices.
 */
@Component
public class PaymentMismatches {

    static final String METRIC = "oasis.order.payment.mismatches";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentMismatches.class);

    private final MeterRegistry meters;

    public PaymentMismatches(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param kind {@code payment} or {@code refund} */
    public void record(String kind, UUID orderId, String reference, String detail) {
        Counter.builder(METRIC).description("Payment provider notices refused because amount or currency did not match")
                .tag("kind", kind).register(meters).increment();
        LOG.warn("Refused {} notice {} for order {}: {}", kind, reference, orderId, detail);
    }
}
