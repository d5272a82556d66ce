package io.oasis.customer.preferences;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerPreferencesRepository extends JpaRepository<CustomerPreferences, UUID> {
}
