package io.oasis.customer.profile;

import java.time.Instant;
import java.util.UUID;

/** A customer as the API shows it. */
public record CustomerView(
        UUID id,
        String email,
        String givenName,
        String familyName,
        String phone,
        String country,
        CustomerStatus status,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static CustomerView of(Customer customer) {
        return new CustomerView(customer.getId(), customer.getEmail(), customer.getGivenName(),
                customer.getFamilyName(), customer.getPhone(), customer.getCountry(), customer.getStatus(),
                customer.getCreatedAt(), customer.getUpdatedAt(), customer.getVersion());
    }

    /** The (strong) entity tag of this version, for {@code ETag} and {@code If-Match}. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
