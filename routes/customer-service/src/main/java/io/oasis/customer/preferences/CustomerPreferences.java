package io.oasis.customer.preferences;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

/**
 * What a customer agreed to receive and when. Transactional email is on from the start;
 * SMS and push only once there is a phone number or a device; marketing only after consent,
 * and the moment of consent is kept.
 */
@Entity
@Table(name = "customer_preferences")
public class CustomerPreferences {

    public static final String DEFAULT_LOCALE = "en";
    public static final String DEFAULT_TIME_ZONE = "UTC";

    @Id
    private UUID customerId;

    private boolean emailOptIn;
    private boolean smsOptIn;
    private boolean pushOptIn;
    private boolean webhookOptIn;
    private String locale;
    private String timeZone;
    private LocalTime quietHoursStart;
    private LocalTime quietHoursEnd;
    private boolean marketingConsent;
    private Instant marketingConsentAt;
    private Instant updatedAt;

    @Version
    private long version;

    protected CustomerPreferences() {
    }

    /** The defaults a new customer starts with. */
    public static CustomerPreferences defaultsFor(UUID customerId, boolean hasPhone, Instant now) {
        CustomerPreferences preferences = new CustomerPreferences();
        preferences.customerId = customerId;
        preferences.emailOptIn = true;
        preferences.smsOptIn = hasPhone;
        preferences.pushOptIn = false;
        preferences.webhookOptIn = false;
        preferences.locale = DEFAULT_LOCALE;
        preferences.timeZone = DEFAULT_TIME_ZONE;
        preferences.marketingConsent = false;
        preferences.updatedAt = now;
        return preferences;
    }

    /**
     * Replaces the preferences. Consent time is set when consent is first given and cleared when
     * it is withdrawn; an unchanged consent keeps its original time.
     */
    public void replace(boolean emailOptIn, boolean smsOptIn, boolean pushOptIn, boolean webhookOptIn,
            String locale, String timeZone, LocalTime quietHoursStart, LocalTime quietHoursEnd,
            boolean marketingConsent, Instant now) {
        this.emailOptIn = emailOptIn;
        this.smsOptIn = smsOptIn;
        this.pushOptIn = pushOptIn;
        this.webhookOptIn = webhookOptIn;
        this.locale = locale;
        this.timeZone = timeZone;
        this.quietHoursStart = quietHoursStart;
        this.quietHoursEnd = quietHoursEnd;
        if (marketingConsent && !this.marketingConsent) {
            this.marketingConsentAt = now;
        } else if (!marketingConsent) {
            this.marketingConsentAt = null;
        }
        this.marketingConsent = marketingConsent;
        this.updatedAt = now;
    }

    /**
     * Follows a change of phone number: without one no SMS can go out, whatever was chosen; and
     * while the customer has never set preferences themselves, SMS follows the default (on once
     * there is a number).
     */
    public void phoneChanged(boolean hasPhone, Instant now) {
        boolean sms = hasPhone && (smsOptIn || version == 0);
        if (sms != smsOptIn) {
            smsOptIn = sms;
            updatedAt = now;
        }
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public boolean isEmailOptIn() {
        return emailOptIn;
    }

    public boolean isSmsOptIn() {
        return smsOptIn;
    }

    public boolean isPushOptIn() {
        return pushOptIn;
    }

    public boolean isWebhookOptIn() {
        return webhookOptIn;
    }

    public String getLocale() {
        return locale;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public LocalTime getQuietHoursStart() {
        return quietHoursStart;
    }

    public LocalTime getQuietHoursEnd() {
        return quietHoursEnd;
    }

    public boolean isMarketingConsent() {
        return marketingConsent;
    }

    public Instant getMarketingConsentAt() {
        return marketingConsentAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
