package io.oasis.customer.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.customer.profile.CustomerEvents;
import io.oasis.customer.profile.CustomerService;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the CRM sync does with each customer event (handler of the {@code customer-crm-sync} consumer):
 * push the customer to the CRM, and if the CRM does not take it after the retries, record the failure
 * and move on to the next event. An erasure the CRM does not take fails instead, and the consumer reads
 * it again until the contact is deleted.
 */
@Component
public class CrmEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CrmEventHandler.class);

    private final CrmSync sync;
    private final CrmSyncFailures failures;
    private final CustomerService customers;

    public CrmEventHandler(CrmSync sync, CrmSyncFailures failures, CustomerService customers) {
        this.sync = sync;
        this.failures = failures;
        this.customers = customers;
    }

    public void onCustomerEvent(ReceivedEvent event) {
        if (!CustomerEvents.describesCustomer(event.type())) {
            // A message to mail (an address to confirm); an address asked for is not the customer's yet.
            return;
        }
        if (cameFromCrm(event)) {
            LOG.debug("Customer {} was changed by the CRM ({}): nothing to send back", event.subject(), event.id());
            return;
        }
        UUID customerId = UUID.fromString(event.subject());
        if (!customers.exists(customerId)) {
            LOG.warn("Customer event {} names customer {}, who does not exist here: not sent to the CRM", event.id(),
                    customerId);
            return;
        }
        CrmSync.Outcome outcome = sync.push(customerId);
        if (!outcome.delivered() && CustomerEvents.ERASED.equals(event.type())) {
            // An erasure is not left for an admin to replay: the event is read again until the CRM takes it.
            throw new CrmUnavailableException("The CRM did not delete erased customer " + customerId + ": "
                    + outcome.error());
        }
        if (!outcome.delivered()) {
            failures.record(customerId, event.id(), event.type(), outcome);
        }
    }

    private static boolean cameFromCrm(ReceivedEvent event) {
        return CustomerEvents.UPDATED.equals(event.type())
                && CustomerEvents.ORIGIN_CRM.equals(event.data(JsonNode.class).path("origin").asText(null));
    }
}
