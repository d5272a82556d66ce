package io.oasis.customer.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A customer profile. Status changes go through the methods below so that a deactivated or
 * erased customer cannot be edited back to life by accident.
 */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    private UUID id;

    /** The Keycloak subject of the person this profile belongs to, when they registered themselves. */
    private String subject;

    private String email;

    /** Lower-cased email, unique: two customers cannot share an address whatever its case. */
    @Column(name = "email_key")
    private String emailKey;

    private String givenName;
    private String familyName;
    private String phone;
    private String country;

    @Enumerated(EnumType.STRING)
    private CustomerStatus status;

    private Instant createdAt;
    private Instant updatedAt;
    private Instant erasedAt;

    @Version
    private long version;

    protected Customer() {
    }

    public Customer(UUID id, String subject, Instant now) {
        this.id = id;
        this.subject = subject;
        this.status = CustomerStatus.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void changeContact(String email, String givenName, String familyName, String phone, String country,
            Instant now) {
        requireEditable();
        this.email = email;
        this.emailKey = email == null ? null : email.toLowerCase(Locale.ROOT);
        this.givenName = givenName;
        this.familyName = familyName;
        this.phone = phone;
        this.country = country == null ? null : country.toUpperCase(Locale.ROOT);
        this.updatedAt = now;
    }

    public void deactivate(Instant now) {
        requireEditable();
        this.status = CustomerStatus.DEACTIVATED;
        this.updatedAt = now;
    }

    /** Removes every personal field; the row stays so history and orders keep their reference. */
    public void erase(Instant now) {
        clearPersonalFields();
        this.status = CustomerStatus.ERASED;
        this.erasedAt = now;
        this.updatedAt = now;
    }

    /**
     * The one place where erasure clears the profile: every field that tells who the person is or how to
     * reach them. A personal field added to the profile is cleared here too (and, if events carry it,
     * named in {@code privacy.CustomerPersonalData}). The country stays: it identifies nobody and
     * bookkeeping needs it.
     */
    private void clearPersonalFields() {
        this.email = null;
        this.emailKey = null;
        this.givenName = null;
        this.familyName = null;
        this.phone = null;
        this.subject = null;
    }

    private void requireEditable() {
        if (status != CustomerStatus.ACTIVE) {
            throw new IllegalStateException("customer " + id + " is " + status.name().toLowerCase(Locale.ROOT));
        }
    }

    public UUID getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public String getEmail() {
        return email;
    }

    public String getGivenName() {
        return givenName;
    }

    public String getFamilyName() {
        return familyName;
    }

    public String getPhone() {
        return phone;
    }

    public String getCountry() {
        return country;
    }

    public CustomerStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getErasedAt() {
        return erasedAt;
    }

    public long getVersion() {
        return version;
    }
}
