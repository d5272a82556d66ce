package io.oasis.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void secondsAreAWait() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aDateIsTheWaitUntilThenAndAPastOneNoWait() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void whatCannotBeReadIsNoWait() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("1.5", NOW)).isNull();
    }

    @Test
    void aDelayTooLongToCountIsForeverOrTheLongestAllowed() {
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(ChronoUnit.FOREVER.getDuration());
        assertThat(RetryAfter.parse("99999999999999999999", NOW, Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfter.parse("864000", NOW, Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfter.parse("60", NOW, Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("soon", NOW, Duration.ofDays(1))).isNull();
    }
}
