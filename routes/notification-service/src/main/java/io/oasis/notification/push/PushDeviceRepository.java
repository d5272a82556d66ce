package io.oasis.notification.push;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PushDeviceRepository extends JpaRepository<PushDevice, UUID> {

    List<PushDevice> findByCustomerIdOrderByCreatedAt(UUID customerId);

    Page<PushDevice> findByCustomerId(UUID customerId, Pageable page);

    Optional<PushDevice> findByCustomerIdAndToken(UUID customerId, String token);

    Optional<PushDevice> findByToken(String token);

    long countByCustomerId(UUID customerId);
}
