package io.oasis.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final List<Duration> WEBHOOK = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    private static DeliverySettings settings() {
        List<Duration> quick = List.of(Duration.ZERO, Duration.ofSeconds(30));
        return new DeliverySettings(Duration.ofMillis(250), 50, 8, Duration.ofMinutes(2),
                Map.of(Channel.EMAIL, quick, Channel.SMS, quick, Channel.PUSH, quick, Channel.WEBHOOK, WEBHOOK));
    }

    @Test
    void theWebhookScheduleRunsItsCourseThenEnds() {
        DeliverySettings settings = settings();
        assertThat(settings.nextAttempt(Channel.WEBHOOK, 1, NOW, null)).isEqualTo(NOW.plusSeconds(5));
        assertThat(settings.nextAttempt(Channel.WEBHOOK, 2, NOW, null)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(settings.nextAttempt(Channel.WEBHOOK, 7, NOW, null)).isEqualTo(NOW.plus(Duration.ofHours(10)));
        assertThat(settings.nextAttempt(Channel.WEBHOOK, 8, NOW, null)).as("eight attempts spent").isNull();
    }

    @Test
    void retryAfterDelaysButNeverHastens() {
        DeliverySettings settings = settings();
        assertThat(settings.nextAttempt(Channel.SMS, 1, NOW, Duration.ofMinutes(3))).isEqualTo(NOW.plusSeconds(180));
        assertThat(settings.nextAttempt(Channel.SMS, 1, NOW, Duration.ofSeconds(1))).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void everyChannelNeedsASchedule() {
        assertThatThrownBy(() -> new DeliverySettings(Duration.ofMillis(250), 50, 8, Duration.ofMinutes(2),
                Map.of(Channel.EMAIL, List.of(Duration.ZERO))))
                .hasMessageContaining("oasis.notification.delivery.retry.sms");
    }
}
