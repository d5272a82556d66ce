package io.oasis.order.order;

import io.oasis.common.correlation.TraceIds;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/** One step of an order's history: from which status to which, when, why and by whom. */
@Embeddable
public class StatusChange {

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private OrderStatus from;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    private OrderStatus to;
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;
    private String reason;
    @Column(nullable = false)
    private String actor;
    /** The trace and span the change was made in (null without tracing), so the timeline leads to its trace. */
    @Column(name = "trace_id")
    private String traceId;
    @Column(name = "span_id")
    private String spanId;

    protected StatusChange() {
    }

    StatusChange(OrderStatus from, OrderStatus to, Instant changedAt, String reason, String actor) {
        this.from = from;
        this.to = to;
        this.changedAt = changedAt;
        this.reason = reason;
        this.actor = actor;
        TraceIds trace = TraceIds.current();
        this.traceId = trace.traceId();
        this.spanId = trace.spanId();
    }

    public OrderStatus getFrom() {
        return from;
    }

    public OrderStatus getTo() {
        return to;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getReason() {
        return reason;
    }

    public String getActor() {
        return actor;
    }

    public String getTraceId() {
        return traceId;
    }

    public String getSpanId() {
        return spanId;
    }
}
