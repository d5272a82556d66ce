package io.oasis.customer.profile;

import io.oasis.common.address.IsoCountry;
import io.oasis.common.address.PostalAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The contact fields a caller may set: the body of {@code POST /customers} and, after a merge
 * patch is applied to the current values, of {@code PATCH /customers/{id}}. The shipping address is where
 * the customer's orders go unless an order names another.
 */
public record CustomerRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String givenName,
        @NotBlank @Size(max = 100) String familyName,
        @Pattern(regexp = E164, message = "must be an E.164 phone number such as +4915112345678") String phone,
        @IsoCountry String country,
        @Valid PostalAddress shippingAddress) {

    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    public static final String E164 = "\\+[1-9][0-9]{1,14}";
}
