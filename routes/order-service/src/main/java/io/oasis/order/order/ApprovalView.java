package io.oasis.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The manual review of an order: whether a decision is pending, since when, and when it escalates.
 */
public record ApprovalView(UUID orderId, OrderStatus status, boolean pending, String taskId, Instant pendingSince,
        Instant escalatesAt, BigDecimal total, String currency) {
}
