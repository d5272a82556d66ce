package io.oasis.order.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oasis.order.order.Order;
import io.oasis.order.process.OrderProcess;
import java.util.Set;

/**
 * What of an order is the customer's personal data once they are erased, and what it becomes. The order
 * stays for bookkeeping (id, customer id, items, amounts, currency, payment id, status and its times);
 * what people wrote and who they were goes:
 * <ul>
 * <li>the customer's sign-in subject (who placed or cancelled it) becomes {@link #PSEUDONYM};</li>
 * <li>a reason written by a person (a cancellation, a rejection, a review comment) becomes
 * {@link #ERASED_TEXT}; the system's own reasons ("payment not received in time") stay;</li>
 * <li>the shipping address is removed, from the order and from its running process (where the carrier
 * connector would read it: it then has none to ship to). The tracking number stays: it names a parcel,
 * not a person.</li>
 * </ul>
 */
public final class OrderPersonalData {

    /** Stands for the erased customer wherever their subject was recorded. */
    public static final String PSEUDONYM = "erased-customer";
    /** Stands for a text a person wrote about an erased customer's order. */
    public static final String ERASED_TEXT = "(erased)";
    /** Process variables that hold text people wrote. */
    public static final Set<String> TEXT_VARIABLES = Set.of(OrderProcess.CANCEL_REASON, OrderProcess.REJECTION_REASON,
            OrderProcess.REVIEW_COMMENT);
    /** Process variables that hold an address, as JSON text: they become JSON {@code null}. */
    public static final Set<String> ADDRESS_VARIABLES = Set.of(OrderProcess.SHIPPING_ADDRESS);
    /** Process variables that hold who did something (a subject). */
    public static final Set<String> SUBJECT_VARIABLES = Set.of(OrderProcess.CANCELLED_BY, OrderProcess.REVIEWED_BY);

    private OrderPersonalData() {
    }

    /**
     * An order event's payload ({@code OrderStatusChanged}) without the person's data: a reason given by a
     * person is removed, and so is the actor when it is the erased customer.
     */
    public static JsonNode redact(JsonNode payload, String subject) {
        if (!(payload instanceof ObjectNode event)) {
            return payload;
        }
        ObjectNode copy = event.deepCopy();
        String actor = copy.path("actor").asText(null);
        if (copy.hasNonNull("reason") && isPerson(actor)) {
            copy.putNull("reason");
        }
        if (subject != null && subject.equals(actor)) {
            copy.putNull("actor");
        }
        return copy;
    }

    /** Whether a status change's actor is a person: the system's changes have none (empty) or {@link Order#SYSTEM}. */
    static boolean isPerson(String actor) {
        return actor != null && !actor.isEmpty() && !Order.SYSTEM.equals(actor);
    }
}
