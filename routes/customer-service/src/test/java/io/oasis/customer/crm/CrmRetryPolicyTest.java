package io.oasis.customer.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrmRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(CrmRetryPolicy.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(CrmRetryPolicy.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(CrmRetryPolicy.retryAfter("Sun, 01 Mar 2026 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CrmRetryPolicy.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(CrmRetryPolicy.retryAfter(null, NOW)).isNull();
        assertThat(CrmRetryPolicy.retryAfter("", NOW)).isNull();
        assertThat(CrmRetryPolicy.retryAfter("soon", NOW)).isNull();
        assertThat(CrmRetryPolicy.retryAfter("-5", NOW)).isNull();
        assertThat(CrmRetryPolicy.retryAfter("99999999999999999999", NOW)).isNull();
    }
}
