package io.oasis.notification.delivery;

import java.util.UUID;

/**
 * What a channel route sends: the body of the exchange that enters {@link Channel#endpoint()}. The
 * route answers with the provider's message id in the header {@link #PROVIDER_MESSAGE_ID} (when the
 * provider gives one), or throws: a {@link DeliveryException} says how the failure is to be treated,
 * any other exception counts as transient and is retried on the channel's schedule.
 *
 * @param notificationId the delivery log row; stable across attempts (webhooks send it as {@code webhook-id})
 * @param attempt        1 for the first attempt
 * @param recipient      an e-mail address, an E.164 phone number, a device token or a webhook URL
 * @param subject        e-mail subject or push title; null for SMS and webhooks
 * @param text           plain-text body (e-mail text part, SMS text, push body); null for webhooks
 * @param html           e-mail HTML part; null otherwise
 * @param payload        webhook JSON body; null otherwise
 * @param eventType      the event this notification is about
 * @param subscriptionId the webhook subscription; null otherwise
 */
public record OutgoingMessage(UUID notificationId, Channel channel, int attempt, String recipient, String subject,
        String text, String html, String payload, String eventType, UUID subscriptionId) {

    /** Header with the provider's id of a sent message (Twilio's SID, the push provider's name, ...). */
    public static final String PROVIDER_MESSAGE_ID = "OasisProviderMessageId";

    /** The same message with other text (the one-time content of a message whose stored text is masked). */
    public OutgoingMessage withText(String subject, String text, String html) {
        return new OutgoingMessage(notificationId, channel, attempt, recipient, subject, text, html, payload,
                eventType, subscriptionId);
    }
}
