package io.oasis.customer.profile;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface CustomerRepository extends JpaRepository<Customer, UUID>, JpaSpecificationExecutor<Customer> {

    Optional<Customer> findBySubject(String subject);

    boolean existsByEmailKey(String emailKey);

    boolean existsByEmailKeyAndIdNot(String emailKey, UUID id);
}
