package io.oasis.customer.crm;

import io.oasis.customer.profile.CustomerService;
import io.oasis.common.error.InvalidRequestException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Contact changes the CRM reports through its webhook: accepted only with a valid signature from
 * a recent moment, then applied last-writer-wins through {@link CustomerService#applyCrmChange}.
 */
@Component
public class CrmWebhook {

    /** What the webhook answers: {@code applied}, or {@code stale} when the profile here is newer. */
    public record Result(String outcome, UUID customerId, String detail) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CrmWebhook.class);

    private final CustomerService customers;
    private final CrmProperties properties;
    private final Clock clock;

    public CrmWebhook(CustomerService customers, CrmProperties properties, Clock clock) {
        this.customers = customers;
        this.properties = properties;
        this.clock = clock;
        if (properties.webhookSecret() == null || properties.webhookSecret().isBlank()) {
            LOG.info("CRM webhook closed: oasis.crm.webhook-secret (CRM_WEBHOOK_SECRET) is not set, every call is refused");
        }
    }

    /** Checks that the raw body was signed with the shared secret at a time within the tolerance. */
    public void verify(byte[] body, String signature, String timestamp) {
        String secret = properties.webhookSecret();
        if (secret == null || secret.isBlank()) {
            throw new CrmSignatureException("The CRM webhook is not configured here.");
        }
        if (signature == null || timestamp == null) {
            throw new CrmSignatureException("Send " + CrmSignature.SIGNATURE_HEADER + " and "
                    + CrmSignature.TIMESTAMP_HEADER + ".");
        }
        Instant sentAt;
        try {
            sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | DateTimeException e) {
            throw new CrmSignatureException(CrmSignature.TIMESTAMP_HEADER + " must be a Unix time in seconds.");
        }
        if (Duration.between(sentAt, clock.instant()).abs().compareTo(properties.webhookTolerance()) > 0) {
            throw new CrmSignatureException(CrmSignature.TIMESTAMP_HEADER + " is too far from now: the call is "
                    + "refused as a possible replay.");
        }
        if (!CrmSignature.matches(secret, timestamp.trim(), body, signature)) {
            throw new CrmSignatureException("The signature does not match the body.");
        }
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
