package io.oasis.notification.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The customers erased here ({@code erased_customer}): ids only, so nothing about them is planned again. */
@Component
public class ErasedCustomers {

    private final JdbcTemplate jdbc;

    public ErasedCustomers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isErased(UUID customerId) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM erased_customer WHERE customer_id = ?", Integer.class,
                customerId);
        return found != null && found > 0;
    }

    void record(UUID customerId, Instant at) {
        if (!isErased(customerId)) {
            jdbc.update("INSERT INTO erased_customer (customer_id, erased_at) VALUES (?, ?)", customerId,
                    OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }
}
