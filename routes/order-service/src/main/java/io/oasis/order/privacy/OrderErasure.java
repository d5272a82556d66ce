package io.oasis.order.privacy;

import io.oasis.common.privacy.ErasedPerson;
import io.oasis.common.privacy.SharedTableErasure;
import io.oasis.order.order.Order;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pseudonymises an erased customer's orders (see {@link OrderPersonalData} for what stays and why), their
 * processes ({@link ProcessErasure}) and the kernel's tables, in one transaction with the engine. Running
 * it again changes nothing more, so a redelivered {@code CustomerErased} is harmless.
 */
@Service
public class OrderErasure {

    private static final Logger LOG = LoggerFactory.getLogger(OrderErasure.class);

    private final JdbcTemplate jdbc;
    private final ProcessErasure processes;
    private final SharedTableErasure sharedTables;

    public OrderErasure(JdbcTemplate jdbc, ProcessErasure processes, SharedTableErasure sharedTables) {
        this.jdbc = jdbc;
        this.processes = processes;
        this.sharedTables = sharedTables;
    }

    /**
     * @param subject the customer's sign-in subject (orders they placed themselves record it), or null
     */
    @Transactional
    public void erase(UUID customerId, String subject) {
        List<UUID> orders = jdbc.queryForList("SELECT id FROM customer_order WHERE customer_id = ? FOR UPDATE",
                UUID.class, customerId);
        int reasons = 0;
        int actors = 0;
        for (UUID order : orders) {
            // A change the system made has no actor (empty, or "system"): its reason is the system's own text.
            reasons += jdbc.update("UPDATE order_status_change SET reason = ? WHERE order_id = ? AND actor <> ? "
                    + "AND actor <> '' AND reason IS NOT NULL AND reason <> ? AND reason <> ?", OrderPersonalData.ERASED_TEXT,
                    order, Order.SYSTEM, OrderPersonalData.ERASED_TEXT, Order.ON_BEHALF);
            if (subject != null) {
                actors += jdbc.update("UPDATE order_status_change SET actor = ? WHERE order_id = ? AND actor = ?",
                        OrderPersonalData.PSEUDONYM, order, subject);
            }
        }
        int placedBy = subject == null ? 0 : jdbc.update("UPDATE customer_order SET placed_by = ? "
                + "WHERE customer_id = ? AND placed_by = ?", OrderPersonalData.PSEUDONYM, customerId, subject);
        int addresses = jdbc.update("UPDATE customer_order SET shipping_name = NULL, shipping_line1 = NULL, "
                + "shipping_line2 = NULL, shipping_postal_code = NULL, shipping_city = NULL, shipping_region = NULL, "
                + "shipping_country = NULL WHERE customer_id = ? AND shipping_line1 IS NOT NULL", customerId);
        if (reasons + actors + placedBy + addresses > 0) {
            // A change of one of these orders loaded before this commit must not write the old values back.
            jdbc.update("UPDATE customer_order SET version = version + 1 WHERE customer_id = ?", customerId);
        }
        ProcessErasure.Outcome engine = processes.erase(orders, subject);
        SharedTableErasure.Outcome shared = sharedTables.erase(new ErasedPerson(customerId, subject, List.of()),
                payload -> OrderPersonalData.redact(payload, subject));
        LOG.info("Erased customer {}: {} orders kept for bookkeeping, {} reasons and {} subjects pseudonymised, "
                + "{} shipping addresses removed; {} running processes scrubbed ({} variables), history of {} ended ones deleted; {} outbox payloads, "
                + "{} stored answers, {} dead letters", customerId, orders.size(), reasons, actors + placedBy, addresses,
                engine.runningInstances(), engine.variables(), engine.endedInstances(), shared.outboxPayloadsRedacted(),
                shared.idempotencyKeysDeleted(), shared.deadLettersDeleted());
    }
}
