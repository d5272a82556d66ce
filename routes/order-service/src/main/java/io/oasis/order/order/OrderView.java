package io.oasis.order.order;

import io.oasis.order.money.Amounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API shows it, with where its process stands: the BPMN steps it is at right now
 * and the timers that will fire (review escalation, payment timeout). Amounts have exactly the currency's
 * minor units; {@code paidAmount} is null until the order is paid, {@code refundedAmount} the sum of
 * {@code refunds}.
 */
public record OrderView(
        UUID id,
        UUID customerId,
        OrderStatus status,
        String currency,
        BigDecimal total,
        BigDecimal paidAmount,
        BigDecimal refundedAmount,
        List<RefundEntry> refunds,
        List<Item> items,
        List<Change> history,
        Process process,
        Refund refund,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public record Item(String sku, String name, int quantity, BigDecimal unitPrice) {
    }

    /** A refund the payment provider made: its id there, the amount, why, and when it was recorded. */
    public record RefundEntry(String refundId, BigDecimal amount, String reason, Instant at) {
    }

    public record Change(OrderStatus from, OrderStatus to, Instant at, String reason, String actor) {
    }

    /**
     * The live process instance; empty lists once it has ended. Incidents (a step that failed and spent
     * its retries) are shown to staff only: their messages are the engine's, not meant for customers.
     */
    public record Process(List<Step> currentSteps, List<Timer> pendingTimers, List<Incident> incidents) {

        public static final Process ENDED = new Process(List.of(), List.of(), List.of());
    }

    /**
     * The money of a paid order that is being cancelled: PENDING from the cancellation until the provider took
     * the refund (retried meanwhile; a refund that keeps failing is an incident staff see), then REFUNDED. The
     * amount is what was paid and not refunded before the cancellation.
     */
    public record Refund(RefundStatus status, BigDecimal amount, String currency) {
    }

    public enum RefundStatus {
        PENDING, REFUNDED
    }

    public record Step(String id, String name) {
    }

    public record Timer(String activityId, Instant dueAt) {
    }

    /** An open incident: the step that is stuck, the engine's message, and since when. */
    public record Incident(String activityId, String message, Instant since) {
    }

    public static OrderView of(Order order, Process process) {
        return of(order, process, null);
    }

    public static OrderView of(Order order, Process process, RefundStatus refund) {
        String currency = order.getCurrency();
        List<RefundEntry> refunds = order.getRefunds().stream().map(r -> new RefundEntry(r.getRefundId(),
                Amounts.exact(r.getAmount(), currency), r.getReason(), r.getRecordedAt())).toList();
        return new OrderView(order.getId(), order.getCustomerId(), order.getStatus(), currency,
                order.getTotal(), order.getPaidAmount(), order.getPaidAmount() == null ? null : order.getRefundedAmount(),
                refunds,
                order.getItems().stream().map(i -> new Item(i.getSku(), i.getName(), i.getQuantity(),
                        Amounts.exact(i.getUnitPrice(), currency))).toList(),
                order.getHistory().stream().map(c -> new Change(c.getFrom(), c.getTo(), c.getChangedAt(),
                        c.getReason(), c.getActor())).toList(),
                process, refund == null ? null : new Refund(refund, refundAmount(refund, order, refunds), currency),
                order.getCreatedAt(), order.getUpdatedAt(), order.getVersion());
    }

    /** Pending: what is left to give back; refunded: what the cancellation gave back (the latest refund). */
    private static BigDecimal refundAmount(RefundStatus status, Order order, List<RefundEntry> refunds) {
        if (status == RefundStatus.REFUNDED && !refunds.isEmpty()) {
            return refunds.get(refunds.size() - 1).amount();
        }
        return order.refundable();
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
