package io.oasis.customer.crm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CRM connector's settings ({@code oasis.crm.*} in customer-service.yml). The connector routes
 * read the same keys as placeholders; the retry settings are read only there.
 *
 * @param baseUrl        the CRM's REST API; blank disables the outbound sync
 * @param apiKey         sent as {@code X-Api-Key}; a secret, required once the base URL is set
 * @param webhookSecret  the shared secret of the webhook's HMAC signature; blank refuses every webhook call
 * @param webhookTolerance how far a webhook's timestamp may be from now; older calls are replays
 * @param maxRetryAfter  the longest {@code Retry-After} the sync waits; a longer one ends the retries at once
 */
@ConfigurationProperties("oasis.crm")
public record CrmProperties(
        String baseUrl,
        String apiKey,
        String webhookSecret,
        @DefaultValue("5m") Duration webhookTolerance,
        @DefaultValue("2m") Duration maxRetryAfter) {

    public boolean enabled() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
