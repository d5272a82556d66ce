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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An order: its items, totals and where it stands. The status only changes through
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
        return items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
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

    public void recordPayment(String paymentId) {
        this.paymentId = paymentId;
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
        return total;
    }

    public String getPaymentId() {
        return paymentId;
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
