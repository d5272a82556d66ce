package io.oasis.order.process;

import java.util.Set;

/**
 * Every message name the code delivers to a waiting process (through {@link io.oasis.order.bridge.ProcessBridge},
 * which refuses any other), so a model can be checked against it before it goes live: a model waiting for a name
 * not listed here would wait for ever. Code that correlates a new message adds its name here.
 */
public final class CorrelatedMessages {

    public static final Set<String> NAMES = Set.of(OrderProcess.MESSAGE_PAYMENT_RECEIVED,
            OrderProcess.MESSAGE_PAYMENT_DECLINED, OrderProcess.MESSAGE_ORDER_SHIPPED, OrderProcess.MESSAGE_ORDER_DELIVERED,
            OrderProcess.MESSAGE_CANCELLATION_REQUESTED);

    private CorrelatedMessages() {
    }
}
