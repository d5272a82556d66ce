package io.oasis.order.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.common.outbox.OutboxWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The order events ({@code OrderPlaced}, {@code OrderApproved}, ... see {@link OrderStatus}), written to
 * the outbox in the transaction of the status change, keyed by the order id. Each carries what the
 * customer service (history) and the notification service (mails) need without calling back.
 */
@Component
public class OrderEvents {

    /**
     * The data of every order event. {@code reason} is set for rejections and cancellations; the tracking number
     * and link once the carrier booked the parcel (so {@code OrderShipped} carries them).
     */
    public record OrderStatusChanged(UUID orderId, UUID customerId, OrderStatus status, OrderStatus previousStatus,
            BigDecimal total, String currency, String reason, String actor, Instant occurredAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String trackingNumber,
            @JsonInclude(JsonInclude.Include.NON_NULL) String trackingUrl) {
    }

    private final OutboxWriter outbox;
    private final String topic;

    public OrderEvents(OutboxWriter outbox, @Value("${oasis.topics.order-events}") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /** Writes the event of the order's latest status change, if that status has one. */
    public void statusChanged(Order order) {
        StatusChange change = order.getHistory().get(order.getHistory().size() - 1);
        String type = change.getTo().eventType();
        if (type == null) {
            return;
        }
        outbox.write(topic, order.getId().toString(), type, new OrderStatusChanged(order.getId(),
                order.getCustomerId(), change.getTo(), change.getFrom(), order.getTotal(), order.getCurrency(),
                change.getReason(), change.getActor(), change.getChangedAt(), order.getTrackingNumber(),
                order.getTrackingUrl()));
    }
}
