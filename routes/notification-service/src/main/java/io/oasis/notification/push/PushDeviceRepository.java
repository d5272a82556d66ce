package io.oasis.notification.push;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PushDeviceRepository extends JpaRepository<PushDevice, UUID> {

    List<PushDevice> findByCustomerIdOrderByCreatedAt(UUID customerId);

    Optional<PushDevice> findByCustomerIdAndToken(UUID customerId, String token);

    void deleteByCustomerId(UUID customerId);
}
