package io.oasis.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notifications are sent: {@code oasis.notification.delivery.*}.
 *
 * @param pollInterval  how often due notifications are looked for
 * @param batchSize     at most this many are taken per poll
 * @param senders       threads that send at the same time (a slow webhook holds one for up to its timeout)
 * @param claimDuration how long a node holds a notification it is sending; longer than any send can take
 * @param retry         per channel, the delay before each attempt: the first is normally 0 (at once), and
 *                      when all are spent the notification is {@code DEAD}
 */
@ConfigurationProperties("oasis.notification.delivery")
public record DeliverySettings(Duration pollInterval, int batchSize, int senders, Duration claimDuration,
        Map<Channel, List<Duration>> retry) {

    public DeliverySettings {
        retry = retry == null ? Map.of() : new EnumMap<>(retry);
        for (Channel channel : Channel.values()) {
            if (retry.getOrDefault(channel, List.of()).isEmpty()) {
                throw new IllegalStateException("oasis.notification.delivery.retry." + channel.key()
                        + " needs at least one delay (the first attempt's, normally 0s)");
            }
        }
    }

    /**
     * When the attempt after {@code failedAttempts} failed ones is due, or null when the schedule is spent.
     * A provider's {@code Retry-After} pushes it later, never earlier.
     */
    public Instant nextAttempt(Channel channel, int failedAttempts, Instant now,
            Duration retryAfter) {
        List<Duration> delays = retry.get(channel);
        if (failedAttempts >= delays.size()) {
            return null;
        }
        Duration delay = delays.get(failedAttempts);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        return now.plus(delay);
    }
}
