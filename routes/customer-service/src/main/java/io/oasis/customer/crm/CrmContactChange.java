package io.oasis.customer.crm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.oasis.customer.profile.CustomerRequest;
import io.oasis.common.address.IsoCountry;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of the CRM's webhook: a contact changed in the CRM at {@code updatedAt}. A field that is
 * absent (or null) keeps the value it has here. Properties Oasis does not know are ignored, unlike
 * in our own API: the CRM adds fields to its payloads without asking us.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CrmContactChange(
        @NotNull UUID customerId,
        @NotNull Instant updatedAt,
        @Email @Size(max = 254) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String email,
        @Size(max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String givenName,
        @Size(max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String familyName,
        @Pattern(regexp = CustomerRequest.E164, message = "must be an E.164 phone number such as +4915112345678") String phone,
        @IsoCountry String country) {

    private static final String NOT_BLANK = "(?s).*\\S.*";

    /** The contact after this change, given the current one. */
    public CustomerRequest applyTo(CustomerRequest current) {
        return new CustomerRequest(
                email != null ? email : current.email(),
                givenName != null ? givenName : current.givenName(),
                familyName != null ? familyName : current.familyName(),
                phone != null ? phone : current.phone(),
                country != null ? country : current.country(),
                current.shippingAddress());
    }
}
