package io.oasis.notification.webhook;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.notification.delivery.Recipients;
import io.oasis.notification.safety.OutboundHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of {@link WebhookSendRoute}: build the signed request from the subscription as it is now
 * (its URL and secret may have changed since the notification was planned), and read the receiver's answer.
 * A subscription must be active, unless the message is the ping that checks it before it is enabled again.
 */
@Component
public class WebhookSender {

    public static final String USER_AGENT = "Oasis-Webhooks/1";
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";

    /** Exchange property: this is a ping of a disabled subscription before it is enabled again. */
    public static final String PING = "OasisWebhookPing";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookTargetGuard guard;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookSender(WebhookSubscriptionRepository subscriptions, WebhookTargetGuard guard,
            WebhookSettings settings, Clock clock) {
        this.subscriptions = subscriptions;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Replaces the exchange's headers and body with the request: POST of the payload to the subscription's
     * URL, with {@code webhook-id} (the notification, the same on every attempt), {@code webhook-timestamp}
     * (this attempt) and {@code webhook-signature}.
     */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        OutgoingMessage message = exchange.getMessage().getMandatoryBody(OutgoingMessage.class);
        OutboundHeaders.clear(exchange);
        WebhookSubscription subscription = message.subscriptionId() == null ? null
                : subscriptions.findById(message.subscriptionId()).orElse(null);
        boolean ping = exchange.getProperty(PING, false, Boolean.class);
        if (subscription == null || (subscription.getStatus() != WebhookSubscription.Status.ACTIVE && !ping)) {
            throw DeliveryException.permanent("The subscription is disabled or deleted"
                    + (subscription != null && subscription.getDisabledReason() != null
                            ? " (" + subscription.getDisabledReason() + ")" : ""), null);
        }
        if (message.payload() == null) {
            throw DeliveryException.permanent("The webhook has no payload", null);
        }
        URI target;
        try {
            target = guard.checkUrl(subscription.getUrl());
        } catch (ForbiddenTargetException e) {
            LOG.warn("Webhook {} of subscription {} not sent: its URL {}", message.notificationId(),
                    subscription.getId(), e.getMessage());
            throw DeliveryException.permanent("The subscription's URL " + e.getMessage(), null);
        }
        byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
        String id = message.notificationId().toString();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(Exchange.HTTP_URI, target.toASCIIString());
        headers.put(Exchange.CONTENT_TYPE, "application/json");
        headers.put(WEBHOOK_ID, id);
        headers.put(WEBHOOK_TIMESTAMP, Long.toString(timestamp));
        // During a rotation's overlap, one signature per secret (space-separated, as the spec allows).
        headers.put(WEBHOOK_SIGNATURE, String.join(" ", subscription.signingSecrets(clock.instant()).stream()
                .map(secret -> WebhookSignature.sign(secret, id, timestamp, body)).toList()));
        OutboundHeaders.set(exchange, headers);
        exchange.getMessage().setBody(body);
    }

    /** Reads the receiver's status: returns for 2xx, throws the failure otherwise. Nothing the receiver sent is kept. */
    public void answered(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        DeliveryException failure = WebhookResponses.forStatus(status,
                exchange.getMessage().getHeader("Retry-After", String.class),
                exchange.getMessage().getHeader("Location", String.class), clock.instant());
        // The receiver's headers could otherwise pass for ours (e.g. a provider message id).
        OutboundHeaders.clear(exchange);
        exchange.getMessage().setBody(null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Turns the exception of the HTTP call into the failure the dispatcher records. */
    public void failed(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        DeliveryException failure = WebhookResponses.forError(error, settings.timeout());
        if (failure.kind() != DeliveryException.Kind.TRANSIENT) {
            LOG.warn("Webhook to {} not sent: {}", Recipients.mask(Channel.WEBHOOK,
                    exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class)), failure.getMessage());
        }
        throw failure;
    }
}
