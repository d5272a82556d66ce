package io.oasis.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new subscription: {@code POST /webhooks/subscriptions}.
 *
 * @param url         where the webhooks go: absolute https (see {@link WebhookTargetGuard})
 * @param eventTypes  the event types to receive, e.g. {@code OrderShipped}; {@code *} for all
 * @param description optional, for the subscriber's own reference
 */
public record WebhookRequest(
        @NotBlank @Size(max = 2048) String url,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100)
                @Pattern(regexp = EVENT_TYPE, message = "must be an event type such as OrderShipped, or *") String> eventTypes,
        @Size(max = 500) String description) {

    static final String EVENT_TYPE = "\\*|[A-Za-z][A-Za-z0-9._-]*";
}
