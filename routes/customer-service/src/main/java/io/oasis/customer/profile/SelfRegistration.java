package io.oasis.customer.profile;

import io.oasis.common.address.IsoCountry;
import io.oasis.common.address.PostalAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /customers/me}. Name and email come from the caller's token, never from
 * the body, so a customer cannot register under someone else's identity. The shipping address, where their
 * orders go by default, may come now or later.
 */
public record SelfRegistration(
        @Pattern(regexp = CustomerRequest.E164, message = "must be an E.164 phone number such as +4915112345678")
        String phone,
        @IsoCountry String country,
        @Valid PostalAddress shippingAddress) {
}
