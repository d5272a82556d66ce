package io.oasis.common.address;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where a parcel goes: the recipient, the street lines, postal code, city, an optional region and the
 * country. Text is trimmed and the country normalised to its ISO 3166-1 alpha-2 code ({@code deu} and
 * {@code Germany} become {@code DE}) as the address is made; validation then refuses what is left wrong.
 * The same value is the API's and the one stored (embedded in the owner's table; each owner names the
 * columns).
 *
 * @param name       the recipient, as the carrier prints it on the label
 * @param postalCode optional: not every country has postal codes
 * @param region     state, province or county where the country's addresses have one
 */
@Embeddable
public record PostalAddress(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @Size(max = 16) @Pattern(regexp = "[A-Za-z0-9]([A-Za-z0-9 -]*[A-Za-z0-9])?",
                message = "must be letters and digits, with spaces or hyphens between them") String postalCode,
        @NotBlank @Size(max = 100) String city,
        @Size(max = 100) String region,
        @NotNull @IsoCountry(message = "must be a country: an ISO 3166-1 code such as DE or DEU, or its English name")
        String country) {

    public PostalAddress {
        name = trimmed(name);
        line1 = trimmed(line1);
        line2 = blankToNull(line2);
        postalCode = blankToNull(postalCode);
        city = trimmed(city);
        region = blankToNull(region);
        country = Countries.alpha2(country);
    }

    private static String trimmed(String text) {
        return text == null ? null : text.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
