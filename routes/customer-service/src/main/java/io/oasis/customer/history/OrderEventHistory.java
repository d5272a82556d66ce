package io.oasis.customer.history;

import io.oasis.common.consumer.EventConsumerRoute;
import io.oasis.common.events.ReceivedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Order status changes appear in the customer's service history by themselves: this subscribes
 * to the order events and writes one history entry per status-changing event.
 */
@Configuration
public class OrderEventHistory {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventHistory.class);

    /** The order events that change its status, with the words the history shows for each. */
    static final Map<String, String> STATUS_CHANGES = Map.of(
            "OrderPlaced", "placed",
            "OrderApproved", "approved",
            "OrderRejected", "rejected",
            "OrderPaid", "paid",
            "OrderShipped", "shipped",
            "OrderDelivered", "delivered",
            "OrderCancelled", "cancelled");

    private static final Set<String> WITH_REASON = Set.of("OrderRejected", "OrderCancelled");

    private final HistoryService history;
    private final Clock clock;

    public OrderEventHistory(HistoryService history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Bean
    EventConsumerRoute customerOrderHistoryRoute() {
        return new EventConsumerRoute("customer-order-history", "{{oasis.topics.order-events}}", "customer-service",
                this::onOrderEvent);
    }

    void onOrderEvent(ReceivedEvent event) {
        String change = STATUS_CHANGES.get(event.type());
        if (change == null) {
            return; // not a status change (e.g. PaymentRequested)
        }
        Map<?, ?> data = event.data(Map.class);
        Object customerId = data.get("customerId");
        Object orderId = data.get("orderId");
        if (customerId == null || orderId == null) {
            LOG.warn("Order event {} ({}) has no customerId or orderId; not added to any history", event.id(),
                    event.type());
            return;
        }
        String summary = "Order " + orderId + " " + change;
        if (WITH_REASON.contains(event.type()) && data.get("reason") != null) {
            summary += ": " + data.get("reason");
        }
        Instant occurredAt = event.envelope().getTime() != null ? event.envelope().getTime().toInstant()
                : clock.instant();
        history.recordOrderEvent(event.id(), UUID.fromString(customerId.toString()), summary, occurredAt);
    }
}
