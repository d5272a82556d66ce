package io.oasis.notification.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How webhooks are sent: {@code oasis.notification.webhook.*}.
 *
 * @param timeout        how long a receiver may take to accept the connection, and to answer
 * @param disableAfter   a subscription whose deliveries have failed for this long is disabled
 * @param allowedTargets host names, IP addresses or CIDR blocks that webhooks may reach although they are not
 *                       public (and over plain http); see {@link WebhookTargetGuard}
 */
@ConfigurationProperties("oasis.notification.webhook")
public record WebhookSettings(Duration timeout, Duration disableAfter, List<String> allowedTargets) {

    public WebhookSettings {
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        disableAfter = disableAfter == null ? Duration.ofDays(5) : disableAfter;
        allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
    }
}
