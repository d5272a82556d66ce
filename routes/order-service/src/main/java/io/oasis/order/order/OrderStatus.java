package io.oasis.order.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands. The process moves an order along; this class only refuses moves the
 * lifecycle does not have, so a diagram edit that skips a step shows up as an error, not bad data.
 */
public enum OrderStatus {
    PLACED("OrderPlaced"),
    IN_REVIEW(null),
    APPROVED("OrderApproved"),
    REJECTED("OrderRejected"),
    AWAITING_PAYMENT("PaymentRequested"),
    PAID("OrderPaid"),
    SHIPPED("OrderShipped"),
    DELIVERED("OrderDelivered"),
    CANCELLED("OrderCancelled");

    private final String eventType;

    OrderStatus(String eventType) {
        this.eventType = eventType;
    }

    /** The event written when an order enters this status; null when the change is internal. */
    public String eventType() {
        return eventType;
    }

    public boolean isFinal() {
        return this == REJECTED || this == DELIVERED || this == CANCELLED;
    }

    /** An order may be cancelled until it has been shipped. */
    public boolean isCancellable() {
        return !isFinal() && this != SHIPPED;
    }

    public boolean canMoveTo(OrderStatus next) {
        return next == CANCELLED ? isCancellable() : successors().contains(next);
    }

    private Set<OrderStatus> successors() {
        return switch (this) {
            case PLACED -> EnumSet.of(IN_REVIEW, APPROVED, REJECTED);
            case IN_REVIEW -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> EnumSet.of(AWAITING_PAYMENT);
            case AWAITING_PAYMENT -> EnumSet.of(PAID);
            case PAID -> EnumSet.of(SHIPPED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case REJECTED, DELIVERED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }
}
