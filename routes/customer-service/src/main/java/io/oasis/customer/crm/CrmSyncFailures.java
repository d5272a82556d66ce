package io.oasis.customer.crm;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The customer changes the CRM did not take: recorded after the retries, listed and replayed by admins. */
@Service
public class CrmSyncFailures {

    private static final Logger LOG = LoggerFactory.getLogger(CrmSyncFailures.class);

    private final CrmSyncFailureRepository failures;
    private final CrmSync sync;
    private final CrmProperties properties;
    private final Clock clock;

    public CrmSyncFailures(CrmSyncFailureRepository failures, CrmSync sync, CrmProperties properties, Clock clock) {
        this.failures = failures;
        this.sync = sync;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void record(UUID customerId, String eventId, String eventType, CrmSync.Outcome outcome) {
        CrmSyncFailure failure = failures.save(new CrmSyncFailure(customerId, eventId, eventType, outcome,
                clock.instant()));
        LOG.warn("CRM sync of customer {} ({} {}) failed after {} attempts, recorded as {}: {}", customerId, eventType,
                eventId, outcome.attempts(), failure.getId(), outcome.error());
    }

    @Transactional(readOnly = true)
    public PageResponse<CrmSyncFailureView> list(Pageable page) {
        return PageResponse.of(failures.findAll(page), CrmSyncFailureView::of);
    }

    /**
     * Sends the customer's current state to the CRM again (with the connector's retries) and marks the
     * failure replayed; if the CRM still does not take it, the failure keeps the new answer and this is a 502.
     * No transaction around it: nothing is held open while the CRM is called.
     */
    public CrmSyncFailureView replay(UUID id, CurrentUser caller) {
        CrmSyncFailure failure = failures.findById(id)
                .orElseThrow(() -> new NotFoundException("No CRM sync failure " + id + "."));
        if (!properties.enabled()) {
            throw new ConflictException("The CRM connector is off (oasis.crm.base-url is not set): nothing to send to.");
        }
        CrmSync.Outcome outcome = sync.push(failure.getCustomerId());
        if (outcome.delivered()) {
            failure.replayed(clock.instant());
            LOG.info("CRM sync failure {} replayed by {}", id, caller.username());
            return CrmSyncFailureView.of(failures.save(failure));
        }
        failure.failedAgain(outcome, clock.instant());
        failures.save(failure);
        throw new CrmUnavailableException("The CRM did not take the change this time either: " + outcome.error());
    }
}
