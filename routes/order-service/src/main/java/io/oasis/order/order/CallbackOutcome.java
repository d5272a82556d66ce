package io.oasis.order.order;

/** What a payment or carrier notice did: applied now, or already applied before (nothing changed). */
public record CallbackOutcome(boolean applied, OrderStatus status) {
}
