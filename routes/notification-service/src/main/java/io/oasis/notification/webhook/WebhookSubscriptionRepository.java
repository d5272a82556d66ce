package io.oasis.notification.webhook;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface WebhookSubscriptionRepository extends JpaRepository<WebhookSubscription, UUID> {

    List<WebhookSubscription> findByStatus(WebhookSubscription.Status status);

    Page<WebhookSubscription> findByOwnerSubject(String ownerSubject, Pageable page);

    /** The subscription, locked until the transaction ends (SELECT ... FOR UPDATE). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT s FROM WebhookSubscription s WHERE s.id = :id")
    Optional<WebhookSubscription> lockById(@Param("id") UUID id);
}
