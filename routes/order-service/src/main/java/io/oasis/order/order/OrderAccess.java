package io.oasis.order.order;

import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import java.util.UUID;

/**
 * Who may see and change which order. A customer sees the orders they placed (matched by the
 * token's subject, recorded on the order when it was placed); anyone else's answers the same 404 as
 * an unknown id. Order managers and admins see all; support agents read all. Which roles may call each
 * operation is in the API's document, checked by each operation's route.
 */
public final class OrderAccess {

    public static final String CUSTOMER = "customer";
    public static final String ORDER_MANAGER = "order-manager";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String ADMIN = "admin";

    private OrderAccess() {
    }

    public static boolean isStaff(CurrentUser caller) {
        return caller.hasRole(ORDER_MANAGER) || caller.hasRole(ADMIN) || caller.hasRole(SUPPORT_AGENT);
    }

    public static void requireRead(CurrentUser caller, Order order) {
        if (!isStaff(caller) && !order.getPlacedBy().equals(caller.subject())) {
            throw notFound(order.getId());
        }
    }

    /** Cancelling: the customer who placed it, an order manager or an admin. */
    public static void requireCancel(CurrentUser caller, Order order) {
        if (caller.hasRole(ORDER_MANAGER) || caller.hasRole(ADMIN)) {
            return;
        }
        requireRead(caller, order);
        if (!order.getPlacedBy().equals(caller.subject())) {
            throw new ForbiddenException("support agents read orders but do not cancel them");
        }
    }

    public static NotFoundException notFound(UUID id) {
        return new NotFoundException("No order " + id + ".");
    }
}
