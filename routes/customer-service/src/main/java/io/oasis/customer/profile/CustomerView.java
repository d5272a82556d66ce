package io.oasis.customer.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.common.address.PostalAddress;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer as the API shows it.
 *
 * @param email                 the confirmed address; null until the first one is confirmed (or once erased)
 * @param pendingEmail          an address asked for and waiting for its code, shown only while it waits
 * @param pendingEmailExpiresAt until when the code sent to {@code pendingEmail} works
 * @param shippingAddress       where orders go by default; null until the customer gives one
 */
public record CustomerView(
        UUID id,
        String email,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pendingEmail,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant pendingEmailExpiresAt,
        String givenName,
        String familyName,
        String phone,
        String country,
        PostalAddress shippingAddress,
        CustomerStatus status,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static CustomerView of(Customer customer) {
        return new CustomerView(customer.getId(), customer.getEmail(), customer.getPendingEmail(),
                customer.getPendingEmailExpiresAt(), customer.getGivenName(), customer.getFamilyName(),
                customer.getPhone(), customer.getCountry(), customer.getShippingAddress(), customer.getStatus(), customer.getCreatedAt(),
                customer.getUpdatedAt(), customer.getVersion());
    }

    /**
     * The customer as events carry it: the confirmed address only. An address asked for is nobody's until
     * its code comes back, so no projection, CRM or partner learns of it.
     */
    public CustomerView confirmedOnly() {
        return new CustomerView(id, email, null, null, givenName, familyName, phone, country, shippingAddress, status,
                createdAt, updatedAt, version);
    }

    /** The (strong) entity tag of this version, for {@code ETag} and {@code If-Match}. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
