package io.oasis.order.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money given back on a paid order, as the payment provider took it: the whole rest when the order is
 * cancelled, or part of it (a damaged item, a goodwill gesture). In the order's currency.
 */
@Embeddable
public class RefundRecord {

    @Column(name = "refund_id", nullable = false)
    private String refundId;
    @Column(nullable = false)
    private BigDecimal amount;
    private String reason;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected RefundRecord() {
    }

    RefundRecord(String refundId, BigDecimal amount, String reason, Instant recordedAt) {
        this.refundId = refundId;
        this.amount = amount;
        this.reason = reason;
        this.recordedAt = recordedAt;
    }

    public String getRefundId() {
        return refundId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getReason() {
        return reason;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
