package io.oasis.order.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.common.address.PostalAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API shows it, with where its process stands: the BPMN steps it is at right now
 * and the timers that will fire (review escalation, payment timeout).
 *
 * @param placedBy        the subject of who placed it: the customer, or staff on their behalf
 * @param shippingAddress where it goes (null only for orders placed before orders had one, or once erased)
 * @param shipment        the carrier's tracking number and link, once the parcel is booked
 */
public record OrderView(
        UUID id,
        UUID customerId,
        String placedBy,
        OrderStatus status,
        String currency,
        BigDecimal total,
        List<Item> items,
        PostalAddress shippingAddress,
        @JsonInclude(JsonInclude.Include.NON_NULL) Shipment shipment,
        List<Change> history,
        Process process,
        Refund refund,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public record Item(String sku, String name, int quantity, BigDecimal unitPrice) {
    }

    /** The parcel as the carrier booked it: the tracking number and, if the carrier gave one, its link. */
    public record Shipment(String trackingNumber, String trackingUrl) {
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
     * the refund (retried meanwhile; a refund that keeps failing is an incident staff see), then REFUNDED.
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
        return new OrderView(order.getId(), order.getCustomerId(), order.getPlacedBy(), order.getStatus(),
                order.getCurrency(), order.getTotal(),
                order.getItems().stream().map(i -> new Item(i.getSku(), i.getName(), i.getQuantity(), i.getUnitPrice()))
                        .toList(),
                order.getShippingAddress(),
                order.getTrackingNumber() == null ? null : new Shipment(order.getTrackingNumber(), order.getTrackingUrl()),
                order.getHistory().stream().map(c -> new Change(c.getFrom(), c.getTo(), c.getChangedAt(),
                        c.getReason(), c.getActor())).toList(),
                process, refund == null ? null : new Refund(refund, order.getTotal(), order.getCurrency()),
                order.getCreatedAt(), order.getUpdatedAt(), order.getVersion());
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
