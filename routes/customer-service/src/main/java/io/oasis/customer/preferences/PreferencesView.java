package io.oasis.customer.preferences;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

/** A customer's preferences as the API and the customer events show them. */
public record PreferencesView(
        UUID customerId,
        boolean emailOptIn,
        boolean smsOptIn,
        boolean pushOptIn,
        boolean webhookOptIn,
        String locale,
        String timeZone,
        @JsonFormat(pattern = "HH:mm") LocalTime quietHoursStart,
        @JsonFormat(pattern = "HH:mm") LocalTime quietHoursEnd,
        boolean marketingConsent,
        Instant marketingConsentAt,
        Instant updatedAt,
        long version) {

    public static PreferencesView of(CustomerPreferences p) {
        return new PreferencesView(p.getCustomerId(), p.isEmailOptIn(), p.isSmsOptIn(), p.isPushOptIn(),
                p.isWebhookOptIn(), p.getLocale(), p.getTimeZone(), p.getQuietHoursStart(), p.getQuietHoursEnd(),
                p.isMarketingConsent(), p.getMarketingConsentAt(), p.getUpdatedAt(), p.getVersion());
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
