package io.oasis.customer.crm;

import io.oasis.customer.preferences.CustomerPreferences;
import io.oasis.customer.profile.Customer;
import java.time.Instant;
import java.util.UUID;

/** A customer as the CRM receives it: {@code PUT {base}/contacts/{id}} with this body. */
public record CrmContact(
        UUID id,
        String email,
        String givenName,
        String familyName,
        String phone,
        String country,
        String status,
        boolean marketingConsent,
        String locale,
        Instant updatedAt) {

    public static CrmContact of(Customer customer, CustomerPreferences preferences) {
        return new CrmContact(customer.getId(), customer.getEmail(), customer.getGivenName(),
                customer.getFamilyName(), customer.getPhone(), customer.getCountry(), customer.getStatus().name(),
                preferences != null && preferences.isMarketingConsent(),
                preferences == null ? null : preferences.getLocale(), customer.getUpdatedAt());
    }
}
