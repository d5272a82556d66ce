package io.oasis.customer.privacy;

import io.oasis.common.privacy.ErasedPerson;
import io.oasis.common.privacy.SharedTableErasure;
import io.oasis.common.security.CurrentUser;
import io.oasis.customer.profile.Customer;
import io.oasis.customer.profile.CustomerAudit;
import io.oasis.customer.profile.CustomerEvents;
import io.oasis.customer.profile.CustomerRepository;
import io.oasis.customer.profile.CustomerService;
import io.oasis.customer.profile.CustomerStatus;
import io.oasis.customer.profile.CustomerView;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a customer for a data-protection request (admins only, audited), in one transaction: the
 * profile's personal fields, the preferences and consents, the service history, the CRM sync failures
 * (which keep copies of the contact), and the kernel's tables (outbox payloads, stored answers, dead
 * letters). It ends with {@code CustomerErased} on the customer events, which every other service handles
 * by erasing what it holds; the CRM connector deletes the contact there. Asking again for an erased
 * customer runs it all again (each step finds nothing left) and tells the other services again.
 */
@Service
public class CustomerErasure {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerErasure.class);

    private final CustomerService customers;
    private final CustomerRepository repository;
    private final SharedTableErasure sharedTables;
    private final CustomerAudit audit;
    private final CustomerEvents events;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CustomerErasure(CustomerService customers, CustomerRepository repository, SharedTableErasure sharedTables,
            CustomerAudit audit, CustomerEvents events, JdbcTemplate jdbc, Clock clock) {
        this.customers = customers;
        this.repository = repository;
        this.sharedTables = sharedTables;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public CustomerView erase(UUID id, String reason, CurrentUser caller) {
        Customer customer = customers.find(id);
        String subject = customer.getSubject();
        ErasedPerson person = new ErasedPerson(id, subject, Arrays.asList(customer.getEmail(), customer.getPhone()));
        if (customer.getStatus() != CustomerStatus.ERASED) {
            customer.erase(clock.instant());
            repository.saveAndFlush(customer);
        }
        int preferences = jdbc.update("DELETE FROM customer_preferences WHERE customer_id = ?", id);
        int history = jdbc.update("DELETE FROM customer_history WHERE customer_id = ?", id);
        int crmFailures = jdbc.update("DELETE FROM crm_sync_failure WHERE customer_id = ?", id);
        SharedTableErasure.Outcome shared = sharedTables.erase(person, CustomerPersonalData::redact);
        audit.record(id, "ERASED", caller, reason);
        events.erased(id, subject);
        LOG.info("Customer {} erased by {}: profile, {} preferences, {} history entries, {} CRM sync failures, "
                + "{} outbox payloads, {} stored answers, {} dead letters; CustomerErased published to the other services",
                id, caller.username(), preferences, history, crmFailures, shared.outboxPayloadsRedacted(),
                shared.idempotencyKeysDeleted(), shared.deadLettersDeleted());
        return CustomerView.of(customer);
    }
}
