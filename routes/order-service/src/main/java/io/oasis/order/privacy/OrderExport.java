package io.oasis.order.privacy;

import io.oasis.common.error.ForbiddenException;
import io.oasis.common.security.CurrentUser;
import io.oasis.order.order.OrderRepository;
import io.oasis.order.order.OrderView;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order service's part of a customer's export: every order of theirs with its items and status
 * history (the process variables only repeat these). Asked for by the customer service, whose service
 * account alone has the realm role {@link #EXPORT_ROLE}; people ask the customer service.
 */
@Service
public class OrderExport {

    /** The realm role of the service account that gathers exports. */
    public static final String EXPORT_ROLE = "personal-data-export";

    /** The orders of one customer, oldest first. */
    public record Part(UUID customerId, List<OrderView> orders) {
    }

    private final OrderRepository orders;

    public OrderExport(OrderRepository orders) {
        this.orders = orders;
    }

    @Transactional(readOnly = true)
    public Part export(UUID customerId, CurrentUser caller) {
        if (!caller.hasRole(EXPORT_ROLE)) {
            throw new ForbiddenException("only the service that gathers exports may read a customer's whole record");
        }
        return new Part(customerId, orders.findByCustomerIdOrderByCreatedAt(customerId).stream()
                .map(order -> OrderView.of(order, null)).toList());
    }
}
