package io.oasis.order.order;

import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import java.util.UUID;

/**
 * Who may see and change which order. An order belongs to its customer: the customer sees it whether they
 * placed it or staff placed it for them (their profile, from the customer service, names them); anyone
 * else's answers the same 404 as an unknown id. Order managers and admins see all; support agents read all.
 * Staff with {@link #ORDER_ON_BEHALF} (support), order managers and admins place orders for a customer and
 * cancel orders under the same rules as the customer. Which roles may call each operation is in the API's
 * document, checked by each operation's route.
 */
public final class OrderAccess {

    public static final String CUSTOMER = "customer";
    public static final String ORDER_MANAGER = "order-manager";
    public static final String SUPPORT_AGENT = "support-agent";
    /** Places and cancels orders for a customer (phone and counter orders); reads nothing by itself. */
    public static final String ORDER_ON_BEHALF = "order-on-behalf";
    public static final String ADMIN = "admin";

    private OrderAccess() {
    }

    public static boolean isStaff(CurrentUser caller) {
        return caller.hasRole(ORDER_MANAGER) || caller.hasRole(ADMIN) || caller.hasRole(SUPPORT_AGENT);
    }

    /** Whether the caller may place an order for a customer they name. */
    public static boolean ordersOnBehalf(CurrentUser caller) {
        return caller.hasRole(ORDER_MANAGER) || caller.hasRole(ADMIN) || caller.hasRole(ORDER_ON_BEHALF);
    }

    /** Whether the order is the caller's own: they placed it as its customer, or it is for their profile. */
    public static boolean owns(CurrentUser caller, Order order, OwnCustomer own) {
        return order.getPlacedBy().equals(caller.subject()) && !ordersOnBehalf(caller)
                || own.id().filter(order.getCustomerId()::equals).isPresent();
    }

    public static void requireRead(CurrentUser caller, Order order, OwnCustomer own) {
        if (!isStaff(caller) && !owns(caller, order, own)) {
            throw notFound(order.getId());
        }
    }

    /** Cancelling: the order's customer, or staff who may order on a customer's behalf. */
    public static void requireCancel(CurrentUser caller, Order order, OwnCustomer own) {
        if (ordersOnBehalf(caller)) {
            return;
        }
        requireRead(caller, order, own);
        if (!owns(caller, order, own)) {
            throw new ForbiddenException("support agents read orders but do not cancel them");
        }
    }

    public static NotFoundException notFound(UUID id) {
        return new NotFoundException("No order " + id + ".");
    }
}
