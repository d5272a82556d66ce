package io.oasis.customer.history;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HistoryEntryRepository extends JpaRepository<HistoryEntry, UUID> {

    Page<HistoryEntry> findByCustomerId(UUID customerId, Pageable pageable);

    boolean existsBySourceEventId(String sourceEventId);
}
