package io.oasis.notification.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface NotificationRepository extends JpaRepository<Notification, UUID>, JpaSpecificationExecutor<Notification> {

    /** Where an event's notifications went: one per channel and target. */
    interface PlannedTarget {
        Channel getChannel();

        String getTargetKey();
    }

    List<PlannedTarget> findByEventId(String eventId);

    List<Notification> findByCustomerId(UUID customerId);

    /** The messages on the given channels that answer any of the given events. */
    List<Notification> findByEventIdInAndChannelIn(Collection<String> eventIds, Collection<Channel> channels);

    Page<Notification> findBySubscriptionId(UUID subscriptionId, Pageable page);

    Page<Notification> findBySubscriptionIdAndStatus(UUID subscriptionId, NotificationStatus status, Pageable page);

    List<Notification> findBySubscriptionIdAndStatusInAndCreatedAtGreaterThanEqual(UUID subscriptionId,
            List<NotificationStatus> statuses, Instant since);
}
