package io.oasis.customer.profile;

import io.oasis.common.address.PostalAddress;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.OptimisticLock;

/**
 * A customer profile. Status changes go through the methods below so that a deactivated or
 * erased customer cannot be edited back to life by accident.
 *
 * <p>{@code email} is always an address its owner confirmed (or that staff or the CRM vouched for). A new
 * address waits in {@code pendingEmail}, with the hash of the code sent to it, until the code comes back.
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

    /** Where the customer's orders go unless an order names another address; null until given. */
    @Embedded
    @AttributeOverride(name = "name", column = @Column(name = "shipping_name"))
    @AttributeOverride(name = "line1", column = @Column(name = "shipping_line1"))
    @AttributeOverride(name = "line2", column = @Column(name = "shipping_line2"))
    @AttributeOverride(name = "postalCode", column = @Column(name = "shipping_postal_code"))
    @AttributeOverride(name = "city", column = @Column(name = "shipping_city"))
    @AttributeOverride(name = "region", column = @Column(name = "shipping_region"))
    @AttributeOverride(name = "country", column = @Column(name = "shipping_country"))
    private PostalAddress shippingAddress;

    @Enumerated(EnumType.STRING)
    private CustomerStatus status;

    /** An address asked for and not yet confirmed; not the customer's address, not unique. */
    private String pendingEmail;
    /** BCrypt hash of the code sent to {@link #pendingEmail}; the code itself is never kept. */
    private String pendingEmailCodeHash;
    private Instant pendingEmailExpiresAt;
    /** Wrong codes entered so far; counting them does not change the profile's version (its ETag). */
    @OptimisticLock(excluded = true)
    private int pendingEmailFailedAttempts;

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

    /** Changes the contact fields other than the email address, which changes only by confirmation. */
    public void changeDetails(String givenName, String familyName, String phone, String country, Instant now) {
        changeContact(email, givenName, familyName, phone, country, now);
    }

    public void changeShippingAddress(PostalAddress address, Instant now) {
        requireEditable();
        this.shippingAddress = address;
        this.updatedAt = now;
    }

    /**
     * Records an address asked for, and the hash of the code sent to it, replacing any earlier request. The
     * confirmed address stays until {@link #confirmPendingEmail}.
     */
    public void requestEmailChange(String address, String codeHash, Instant expiresAt) {
        requireEditable();
        this.pendingEmail = address;
        this.pendingEmailCodeHash = codeHash;
        this.pendingEmailExpiresAt = expiresAt;
        this.pendingEmailFailedAttempts = 0;
    }

    /** The pending address becomes the customer's address. */
    public void confirmPendingEmail(Instant now) {
        requireEditable();
        if (pendingEmail == null) {
            throw new IllegalStateException("customer " + id + " has no email change waiting");
        }
        String confirmed = pendingEmail;
        dropPendingEmail();
        this.email = confirmed;
        this.emailKey = confirmed.toLowerCase(Locale.ROOT);
        this.updatedAt = now;
    }

    /** A wrong code was entered; returns how many wrong codes there have been. */
    public int pendingEmailCodeFailed() {
        return ++pendingEmailFailedAttempts;
    }

    /** Forgets the pending address and its code: cancelled, expired, or too many wrong codes. */
    public void dropPendingEmail() {
        this.pendingEmail = null;
        this.pendingEmailCodeHash = null;
        this.pendingEmailExpiresAt = null;
        this.pendingEmailFailedAttempts = 0;
    }

    public void deactivate(Instant now) {
        requireEditable();
        dropPendingEmail();
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
        this.shippingAddress = null;
        this.subject = null;
        dropPendingEmail();
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

    public PostalAddress getShippingAddress() {
        return shippingAddress;
    }

    public CustomerStatus getStatus() {
        return status;
    }

    public String getPendingEmail() {
        return pendingEmail;
    }

    public String getPendingEmailCodeHash() {
        return pendingEmailCodeHash;
    }

    public Instant getPendingEmailExpiresAt() {
        return pendingEmailExpiresAt;
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
