package io.oasis.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.security.CurrentUser;
import io.oasis.customer.history.HistoryEntryRepository;
import io.oasis.customer.history.HistoryView;
import io.oasis.customer.preferences.CustomerPreferences;
import io.oasis.customer.preferences.CustomerPreferencesRepository;
import io.oasis.customer.preferences.PreferencesView;
import io.oasis.customer.profile.Customer;
import io.oasis.customer.profile.CustomerAccess;
import io.oasis.customer.profile.CustomerService;
import io.oasis.customer.profile.CustomerView;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything Oasis holds about one customer, as one document: this service's part read here, the order
 * and notification services' parts asked from them (their own APIs, with this service's token). If a
 * part cannot be had the export fails as a whole: an export that silently lacks a service would tell the
 * person less than Oasis holds.
 */
@Service
public class CustomerExport {

    /** The whole export; each service's part under its name. */
    public record Document(UUID customerId, Instant exportedAt, CustomerPart customerService, JsonNode orderService,
            JsonNode notificationService) {
    }

    /** What the customer service holds: profile, preferences, consents, service history and audit trail. */
    public record CustomerPart(CustomerView profile, PreferencesView preferences, Consents consents,
            List<HistoryView> history, List<AuditEntry> audit) {
    }

    /** What the customer agreed to, and since when for marketing. */
    public record Consents(boolean marketingConsent, Instant marketingConsentAt, boolean emailOptIn,
            boolean smsOptIn, boolean pushOptIn, boolean webhookOptIn) {

        static Consents of(CustomerPreferences preferences) {
            return new Consents(preferences.isMarketingConsent(), preferences.getMarketingConsentAt(),
                    preferences.isEmailOptIn(), preferences.isSmsOptIn(), preferences.isPushOptIn(),
                    preferences.isWebhookOptIn());
        }
    }

    /** A deactivation or erasure of the profile: what and when (the staff member is theirs, not the customer's). */
    public record AuditEntry(String action, Instant occurredAt, String detail) {
    }

    private final CustomerService customers;
    private final CustomerPreferencesRepository preferences;
    private final HistoryEntryRepository history;
    private final ServiceExports services;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CustomerExport(CustomerService customers, CustomerPreferencesRepository preferences,
            HistoryEntryRepository history, ServiceExports services, JdbcTemplate jdbc,
            TransactionTemplate transactions, Clock clock) {
        this.customers = customers;
        this.preferences = preferences;
        this.history = history;
        this.services = services;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The export for the customer themself or an admin; no transaction is held while the other services answer. */
    public Document export(UUID customerId, CurrentUser caller) {
        CustomerPart own = transactions.execute(status -> {
            Customer customer = customers.find(customerId);
            CustomerAccess.requireExport(caller, customer);
            return ownPart(customer);
        });
        JsonNode orders = services.orders(customerId);
        JsonNode notifications = services.notifications(customerId);
        return new Document(customerId, clock.instant(), own, orders, notifications);
    }

    private CustomerPart ownPart(Customer customer) {
        UUID id = customer.getId();
        CustomerPreferences stored = preferences.findById(id).orElse(null);
        List<HistoryView> entries = history.findByCustomerId(id, Pageable.unpaged(Sort.by("occurredAt")))
                .map(HistoryView::of).toList();
        List<AuditEntry> audit = jdbc.query("SELECT action, occurred_at, detail FROM customer_audit WHERE customer_id = ? "
                + "ORDER BY occurred_at", (rs, row) -> new AuditEntry(rs.getString("action"),
                        rs.getObject("occurred_at", Timestamp.class).toInstant(), rs.getString("detail")), id);
        return new CustomerPart(CustomerView.of(customer), stored == null ? null : PreferencesView.of(stored),
                stored == null ? null : Consents.of(stored), entries, audit);
    }
}
