package io.oasis.customer.profile;

import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /customers/me}. Name and email come from the caller's token, never from
 * the body, so a customer cannot register under someone else's identity.
 */
public record SelfRegistration(
        @Pattern(regexp = CustomerRequest.E164, message = "must be an E.164 phone number such as +4915112345678")
        String phone,
        @IsoCountry String country) {
}
