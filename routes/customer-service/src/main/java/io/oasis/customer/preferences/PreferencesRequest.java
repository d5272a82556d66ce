package io.oasis.customer.preferences;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;

/** The body of {@code PUT /customers/{id}/preferences}: the whole set, replaced at once. */
public record PreferencesRequest(
        @NotNull Boolean emailOptIn,
        @NotNull Boolean smsOptIn,
        @NotNull Boolean pushOptIn,
        @NotNull Boolean webhookOptIn,
        @NotBlank @Size(max = 35) @Pattern(regexp = "[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*",
                message = "must be a BCP 47 language tag such as en or de-AT") String locale,
        @NotBlank @Size(max = 64) String timeZone,
        @JsonFormat(pattern = "HH:mm") LocalTime quietHoursStart,
        @JsonFormat(pattern = "HH:mm") LocalTime quietHoursEnd,
        @NotNull Boolean marketingConsent) {

    @AssertTrue(message = "must be an IANA time zone such as Europe/Berlin")
    public boolean isTimeZoneKnown() {
        if (timeZone == null || timeZone.isBlank()) {
            return true; // reported by @NotBlank
        }
        try {
            ZoneId.of(timeZone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    @AssertTrue(message = "quiet hours need both a start and an end")
    public boolean isQuietHoursComplete() {
        return (quietHoursStart == null) == (quietHoursEnd == null);
    }
}
