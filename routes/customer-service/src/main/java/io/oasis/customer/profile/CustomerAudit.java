package io.oasis.customer.profile;

import io.oasis.common.security.CurrentUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps who deactivated or erased a customer, and when, in the transaction of the change itself. */
@Component
public class CustomerAudit {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CustomerAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID customerId, String action, CurrentUser actor, String detail) {
        jdbc.update("INSERT INTO customer_audit (id, customer_id, action, actor, occurred_at, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?)", UUID.randomUUID(), customerId, action, actor.username(),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), detail);
    }
}
