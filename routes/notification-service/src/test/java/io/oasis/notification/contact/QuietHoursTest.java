package io.oasis.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static CustomerContact contact(String zone, String start, String end) {
        CustomerContact contact = new CustomerContact(UUID.randomUUID(), Instant.EPOCH);
        contact.preferences(true, true, true, false, "en", zone, start == null ? null : LocalTime.parse(start),
                end == null ? null : LocalTime.parse(end), Instant.EPOCH);
        return contact;
    }

    @Test
    void quietHoursAcrossMidnightEndTheNextMorningInTheCustomersZone() {
        CustomerContact vienna = contact("Europe/Vienna", "22:00", "07:00");
        // 23:30 in Vienna (CET, UTC+1) on 2026-11-25.
        assertThat(QuietHours.quietUntil(vienna, Instant.parse("2026-11-25T22:30:00Z")))
                .hasValue(Instant.parse("2026-11-26T06:00:00Z"));
        // 05:00 in Vienna: the same night's end.
        assertThat(QuietHours.quietUntil(vienna, Instant.parse("2026-11-26T04:00:00Z")))
                .hasValue(Instant.parse("2026-11-26T06:00:00Z"));
        // 12:00 in Vienna: not quiet.
        assertThat(QuietHours.quietUntil(vienna, Instant.parse("2026-11-26T11:00:00Z"))).isEmpty();
        // 07:00 sharp is the end: not quiet any more.
        assertThat(QuietHours.quietUntil(vienna, Instant.parse("2026-11-26T06:00:00Z"))).isEmpty();
    }

    @Test
    void quietHoursWithinOneDay() {
        CustomerContact lunch = contact("UTC", "12:00", "13:30");
        assertThat(QuietHours.quietUntil(lunch, Instant.parse("2026-11-25T12:00:00Z")))
                .hasValue(Instant.parse("2026-11-25T13:30:00Z"));
        assertThat(QuietHours.quietUntil(lunch, Instant.parse("2026-11-25T11:59:59Z"))).isEmpty();
    }

    @Test
    void noOrEmptyQuietHoursNeverHoldBack() {
        assertThat(QuietHours.quietUntil(contact("UTC", null, null), Instant.parse("2026-11-25T03:00:00Z"))).isEmpty();
        assertThat(QuietHours.quietUntil(contact("UTC", "08:00", "08:00"), Instant.parse("2026-11-25T08:00:00Z")))
                .isEmpty();
        // An unknown zone is read as UTC rather than failing the message.
        assertThat(QuietHours.quietUntil(contact("Mars/Base", "02:00", "04:00"), Instant.parse("2026-11-25T03:00:00Z")))
                .hasValue(Instant.parse("2026-11-25T04:00:00Z"));
    }
}
