package io.oasis.order.order;

import io.oasis.common.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;

/**
 * The filters of {@code GET /orders}; a customer's list is always narrowed to their own orders: those of
 * their profile, and any they placed themselves.
 */
public record OrderFilter(UUID customerId, OrderStatus status) {

    Specification<Order> toSpecification(CurrentUser caller, OwnCustomer own) {
        List<Specification<Order>> parts = new ArrayList<>();
        if (!OrderAccess.isStaff(caller)) {
            Optional<UUID> profile = own.id();
            parts.add((root, query, cb) -> profile.isPresent()
                    ? cb.or(cb.equal(root.get("placedBy"), caller.subject()), cb.equal(root.get("customerId"), profile.get()))
                    : cb.equal(root.get("placedBy"), caller.subject()));
        }
        if (customerId != null) {
            parts.add((root, query, cb) -> cb.equal(root.get("customerId"), customerId));
        }
        if (status != null) {
            parts.add((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        return Specification.allOf(parts);
    }
}
