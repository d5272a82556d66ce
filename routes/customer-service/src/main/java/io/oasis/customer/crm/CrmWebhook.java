package io.oasis.customer.crm;

import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.signature.InvalidSignatureException;
import io.oasis.common.signature.SignedRequests;
import io.oasis.common.signature.UsedSignatures;
import io.oasis.customer.profile.CustomerService;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Contact changes the CRM reports through its webhook: accepted once, only with a valid signature
 * from a recent moment, then applied last-writer-wins through {@link CustomerService#applyCrmChange}.
 */
@Component
public class CrmWebhook {

    /** What the webhook answers: {@code applied}, or {@code stale} when the profile here is newer. */
    public record Result(String outcome, UUID customerId, String detail) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CrmWebhook.class);

    /** The CRM's signature of a webhook call: {@code sha256=<hex>}, computed as {@link SignedRequests} says. */
    public static final String SIGNATURE_HEADER = "X-Crm-Signature";
    /** Unix time in seconds when the CRM sent the call. */
    public static final String TIMESTAMP_HEADER = "X-Crm-Timestamp";

    private final CustomerService customers;
    private final CrmProperties properties;
    private final Clock clock;
    private final SignedRequests signedRequests;

    public CrmWebhook(CustomerService customers, CrmProperties properties, Clock clock, UsedSignatures usedSignatures) {
        this.customers = customers;
        this.properties = properties;
        this.clock = clock;
        this.signedRequests = new SignedRequests("the CRM webhook", TIMESTAMP_HEADER, SIGNATURE_HEADER,
                properties.webhookSecret(), properties.webhookTolerance(), clock, usedSignatures);
        if (!signedRequests.isConfigured()) {
            LOG.info("CRM webhook closed: oasis.crm.webhook-secret (CRM_WEBHOOK_SECRET) is not set, every call is refused");
        }
    }

    /**
     * Runs {@code effect} if the webhook call on {@code exchange} is signed with the shared secret, from
     * a time within the tolerance and not seen before, in the transaction that records its signature.
     *
     * @throws InvalidSignatureException (401) otherwise; nothing is changed then
     */
    public <T> T accept(Exchange exchange, SignedRequests.Effect<T> effect) throws IOException {
        return signedRequests.accept(exchange, effect);
    }

    public Result apply(CrmContactChange change) {
        // A time from the future would make every later change, here or in the CRM, look older.
        if (change.updatedAt().isAfter(clock.instant().plus(properties.webhookTolerance()))) {
            throw InvalidRequestException.field("updatedAt", "must not be in the future");
        }
        return customers.applyCrmChange(change.customerId(), change::applyTo, change.updatedAt())
                .map(view -> new Result("applied", view.id(), null))
                .orElseGet(() -> new Result("stale", change.customerId(), "The customer was changed here after "
                        + change.updatedAt() + ": the newer local profile was kept."));
    }
}
