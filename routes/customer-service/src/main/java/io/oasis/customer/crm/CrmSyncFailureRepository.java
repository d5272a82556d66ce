package io.oasis.customer.crm;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CrmSyncFailureRepository extends JpaRepository<CrmSyncFailure, UUID> {
}
