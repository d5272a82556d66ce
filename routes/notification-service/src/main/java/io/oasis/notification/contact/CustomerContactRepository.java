package io.oasis.notification.contact;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerContactRepository extends JpaRepository<CustomerContact, UUID> {

    Optional<CustomerContact> findFirstBySubject(String subject);
}
