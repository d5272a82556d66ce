package io.oasis.notification.api;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationAccess;
import io.oasis.notification.delivery.NotificationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;
import jakarta.persistence.criteria.Predicate;

/** The filters of {@code GET /notifications}; all optional. */
public record NotificationFilter(UUID customerId, NotificationStatus status, Channel channel) {

    /**
     * @param onlyCustomer   the one customer whose notifications the caller may see, or null for any
     * @param personalOnly   leave out webhook deliveries (the caller sees only messages to people)
     */
    Specification<Notification> toSpecification(UUID onlyCustomer, boolean personalOnly) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            UUID customer = onlyCustomer != null ? onlyCustomer : customerId;
            if (customer != null) {
                where.add(cb.equal(root.get("customerId"), customer));
            }
            if (personalOnly) {
                where.add(root.get("channel").in(NotificationAccess.PERSONAL_CHANNELS));
            }
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (channel != null) {
                where.add(cb.equal(root.get("channel"), channel));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
