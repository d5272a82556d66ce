package io.oasis.order.order;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import io.oasis.order.money.Amounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An order: its items, totals, the money paid and refunded, and where it stands. Amounts are exact
 * decimals in the order's currency, with that currency's minor units (see {@link Amounts}). The status only changes through
 * {@link #moveTo}, which the process calls; each change is kept in the history.
 */
@Entity
@Table(name = "customer_order")
public class Order {

    /** Who changed a status when no person did (timers, automatic decisions). */
    public static final String SYSTEM = "system";

    @Id
    private UUID id;
    @Column(name = "customer_id", nullable = false)
    private UUID customerId;
    @Column(name = "placed_by", nullable = false)
    private String placedBy;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;
    @Column(nullable = false)
    private String currency;
    @Column(nullable = false)
    private BigDecimal total;
    @Column(name = "payment_id")
    private String paymentId;
    @Column(name = "paid_amount")
    private BigDecimal paidAmount;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    private List<OrderItem> items = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_status_change", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    private List<StatusChange> history = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_refund", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    private List<RefundRecord> refunds = new ArrayList<>();

    protected Order() {
    }

    public Order(UUID id, UUID customerId, String placedBy, String currency, List<OrderItem> items, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.placedBy = placedBy;
        this.currency = currency;
        this.items.addAll(items);
        this.total = computeTotal();
        this.status = OrderStatus.PLACED;
        this.createdAt = now;
        this.updatedAt = now;
        this.history.add(new StatusChange(null, OrderStatus.PLACED, now, null, placedBy));
    }

    /** The sum of the lines, computed here and never taken from the caller. */
    public BigDecimal computeTotal() {
        // Exact: each price has at most the currency's decimals and quantities are whole.
        return items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(Amounts.minorUnits(currency), RoundingMode.UNNECESSARY);
    }

    /** Records the server's own total (validation recomputes it before anyone relies on it). */
    public void recomputeTotal() {
        this.total = computeTotal();
    }

    /**
     * Moves the order to {@code next}, or refuses a move the lifecycle does not have.
     *
     * @return false if the order already is in {@code next} (a repeated step changes nothing)
     */
    public boolean moveTo(OrderStatus next, String reason, String actor, Instant now) {
        if (status == next) {
            return false;
        }
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("Order " + id + " cannot move from " + status + " to " + next);
        }
        history.add(new StatusChange(status, next, now, reason, actor == null ? SYSTEM : actor));
        status = next;
        updatedAt = now;
        return true;
    }

    /** Notes a step that leaves the status as it is (e.g. an escalated review). */
    public void note(String reason, String actor, Instant now) {
        history.add(new StatusChange(status, status, now, reason, actor == null ? SYSTEM : actor));
        updatedAt = now;
    }

    /** The provider took {@code amount} (the order's total: another amount is refused before it gets here). */
    public void recordPayment(String paymentId, BigDecimal amount) {
        this.paymentId = paymentId;
        this.paidAmount = amount;
    }

    /**
     * Records a refund the provider made, once per refund id.
     *
     * @return false if that refund was recorded before (nothing changes)
     * @throws IllegalArgumentException if the order was not paid, or the refund exceeds what is left to refund
     */
    public boolean recordRefund(String refundId, BigDecimal amount, String reason, Instant now) {
        if (refunds.stream().anyMatch(refund -> refund.getRefundId().equals(refundId))) {
            return false;
        }
        if (amount.signum() <= 0 || amount.compareTo(refundable()) > 0) {
            throw new IllegalArgumentException("Refund " + refundId + " of " + Amounts.format(amount, currency)
                    + " exceeds the " + Amounts.format(refundable(), currency) + " left to refund on order " + id);
        }
        refunds.add(new RefundRecord(refundId, amount, reason, now));
        updatedAt = now;
        return true;
    }

    /** What was paid and is not refunded yet; zero for an order that was never paid. */
    public BigDecimal refundable() {
        return paidAmount == null ? Amounts.exact(BigDecimal.ZERO, currency) : getPaidAmount().subtract(getRefundedAmount());
    }

    /** The latest reason given for entering the current status (rejections, cancellations). */
    public String currentReason() {
        return history.isEmpty() ? null : history.get(history.size() - 1).getReason();
    }

    public UUID getId() {
        return id;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public String getPlacedBy() {
        return placedBy;
    }

    public OrderStatus getStatus() {
        return status;
    }

    public String getCurrency() {
        return currency;
    }

    public BigDecimal getTotal() {
        return Amounts.exact(total, currency);
    }

    public String getPaymentId() {
        return paymentId;
    }

    /** The amount paid, or null before payment. */
    public BigDecimal getPaidAmount() {
        return Amounts.exact(paidAmount, currency);
    }

    /** The sum of the refunds recorded; zero when there are none. */
    public BigDecimal getRefundedAmount() {
        return Amounts.exact(refunds.stream().map(RefundRecord::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add),
                currency);
    }

    public List<RefundRecord> getRefunds() {
        return List.copyOf(refunds);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }

    public List<OrderItem> getItems() {
        return List.copyOf(items);
    }

    public List<StatusChange> getHistory() {
        return List.copyOf(history);
    }
}
