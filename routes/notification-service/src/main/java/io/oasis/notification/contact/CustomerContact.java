package io.oasis.notification.contact;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;
import java.util.UUID;

/**
 * What this service knows of a customer: where to reach them and on which channels they want to be
 * reached. A projection of the customer events, so sending never waits for the customer service.
 */
@Entity
@Table(name = "customer_contact")
public class CustomerContact {

    static final String DEFAULT_LOCALE = "en";
    static final String DEFAULT_TIME_ZONE = "UTC";

    @Id
    private UUID customerId;
    private String subject;
    private String email;
    private String phone;
    private String givenName;
    private String familyName;
    private String locale = DEFAULT_LOCALE;
    private String timeZone = DEFAULT_TIME_ZONE;
    // Until the preferences are known, the customer service's defaults for a new customer.
    private boolean emailOptIn = true;
    private boolean smsOptIn;
    private boolean pushOptIn;
    private boolean webhookOptIn;
    private LocalTime quietHoursStart;
    private LocalTime quietHoursEnd;
    private boolean emailInvalid;
    private boolean phoneInvalid;
    private boolean active = true;
    private Instant updatedAt;

    protected CustomerContact() {
    }

    public CustomerContact(UUID customerId, Instant now) {
        this.customerId = customerId;
        this.updatedAt = now;
    }

    /** New contact details; a changed address is presumed valid again. */
    public void contact(String email, String phone, String givenName, String familyName, boolean active, Instant now) {
        if (!Objects.equals(this.email, email)) {
            emailInvalid = false;
        }
        if (!Objects.equals(this.phone, phone)) {
            phoneInvalid = false;
        }
        this.email = email;
        this.phone = phone;
        this.givenName = givenName;
        this.familyName = familyName;
        this.active = active;
        this.updatedAt = now;
    }

    public void preferences(boolean emailOptIn, boolean smsOptIn, boolean pushOptIn, boolean webhookOptIn,
            String locale, String timeZone, LocalTime quietHoursStart, LocalTime quietHoursEnd, Instant now) {
        this.emailOptIn = emailOptIn;
        this.smsOptIn = smsOptIn;
        this.pushOptIn = pushOptIn;
        this.webhookOptIn = webhookOptIn;
        this.locale = locale == null || locale.isBlank() ? DEFAULT_LOCALE : locale;
        this.timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
        this.quietHoursStart = quietHoursStart;
        this.quietHoursEnd = quietHoursEnd;
        this.updatedAt = now;
    }

    public void subject(String subject) {
        if (subject != null) {
            this.subject = subject;
        }
    }

    public void deactivate(Instant now) {
        active = false;
        updatedAt = now;
    }

    public void markEmailInvalid(Instant now) {
        emailInvalid = true;
        updatedAt = now;
    }

    public void markPhoneInvalid(Instant now) {
        phoneInvalid = true;
        updatedAt = now;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public String getSubject() {
        return subject;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public String getGivenName() {
        return givenName;
    }

    public String getFamilyName() {
        return familyName;
    }

    public String getLocale() {
        return locale;
    }

    public String getTimeZone() {
        return timeZone;
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

    public LocalTime getQuietHoursStart() {
        return quietHoursStart;
    }

    public LocalTime getQuietHoursEnd() {
        return quietHoursEnd;
    }

    public boolean isEmailInvalid() {
        return emailInvalid;
    }

    public boolean isPhoneInvalid() {
        return phoneInvalid;
    }

    public boolean isActive() {
        return active;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
