package io.oasis.customer.history;

import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import io.oasis.customer.profile.Customer;
import io.oasis.customer.profile.CustomerAccess;
import io.oasis.customer.profile.CustomerService;
import io.oasis.customer.profile.CustomerStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The service history of a customer: entries written by support, and order changes from events. */
@Service
@Transactional
public class HistoryService {

    private final HistoryEntryRepository entries;
    private final CustomerService customers;
    private final Clock clock;

    public HistoryService(HistoryEntryRepository entries, CustomerService customers, Clock clock) {
        this.entries = entries;
        this.customers = customers;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResponse<HistoryView> list(UUID customerId, Pageable page, CurrentUser caller) {
        Customer customer = customers.find(customerId);
        CustomerAccess.requireRead(caller, customer);
        return PageResponse.of(entries.findByCustomerId(customerId, page), HistoryView::of);
    }

    public HistoryView add(UUID customerId, HistoryRequest request, CurrentUser caller) {
        customers.find(customerId);
        Instant occurredAt = request.occurredAt() != null ? request.occurredAt() : clock.instant();
        HistoryEntry entry = entries.save(new HistoryEntry(UUID.randomUUID(), customerId, request.type(),
                request.channel(), request.summary(), caller.username(), occurredAt, null));
        return HistoryView.of(entry);
    }

    /**
     * Records an order's status change in its customer's history, once per event. Events of a
     * customer this service does not know (yet, or any more) are skipped rather than failed, and so are
     * those of an erased customer that arrive after the erasure.
     */
    public void recordOrderEvent(String eventId, UUID customerId, String summary, Instant occurredAt) {
        if (entries.existsBySourceEventId(eventId) || !customers.exists(customerId)
                || customers.find(customerId).getStatus() == CustomerStatus.ERASED) {
            return;
        }
        entries.save(new HistoryEntry(UUID.randomUUID(), customerId, HistoryEntry.Type.ORDER,
                HistoryEntry.Channel.SYSTEM, summary, null, occurredAt, eventId));
    }
}
