package io.oasis.notification.delivery;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One message to one recipient on one channel, and every attempt to send it: a row of the delivery log.
 * The text is rendered once, when the notification is planned, so every attempt sends the same message.
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    private UUID id;
    private UUID customerId;
    private String eventId;
    private String eventType;
    @Enumerated(EnumType.STRING)
    private Channel channel;
    private String targetKey;
    private String recipient;
    private UUID subscriptionId;
    private UUID deviceId;
    private String template;
    private String locale;
    private String subject;
    private String bodyText;
    private String bodyHtml;
    private String payload;
    @Enumerated(EnumType.STRING)
    private NotificationStatus status;
    private String statusReason;
    private int attemptCount;
    private int retryOffset;
    private Instant nextAttemptAt;
    private Instant claimedUntil;
    private String providerMessageId;
    private String lastError;
    private String requestedBy;
    private String correlationId;
    /** The trace its delivery attempts continue (W3C traceparent), or null. */
    private String traceparent;
    /** Carries a one-time secret: the text above has it masked, {@link OneTimeContents} has it until sent. */
    private boolean oneTime;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant sentAt;
    private Instant deliveredAt;
    @Version
    private long version;

    @OneToMany(mappedBy = "notificationId", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("number, id")
    private List<DeliveryAttempt> attempts = new ArrayList<>();

    protected Notification() {
    }

    /**
     * A new notification, due at {@code dueAt} (now, or when quiet hours end).
     *
     * @param targetKey what makes it unique for its event and channel: the address, device or subscription
     */
    public Notification(UUID id, Channel channel, String eventType, String eventId, UUID customerId, String targetKey,
            String recipient, Instant now, Instant dueAt) {
        this.id = id;
        this.channel = channel;
        this.eventType = eventType;
        this.eventId = eventId;
        this.customerId = customerId;
        this.targetKey = targetKey;
        this.recipient = recipient;
        this.status = NotificationStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
        this.nextAttemptAt = dueAt;
    }

    /** Not sent, and never will be on its own: the reason says why (opted out, no valid address). */
    public void suppress(String reason, Instant now) {
        status = NotificationStatus.SUPPRESSED;
        statusReason = reason;
        nextAttemptAt = null;
        updatedAt = now;
    }

    public void content(String template, String locale, String subject, String bodyText, String bodyHtml) {
        this.template = template;
        this.locale = locale;
        this.subject = subject;
        this.bodyText = bodyText;
        this.bodyHtml = bodyHtml;
    }

    /** The provider accepted attempt {@code attempt}. */
    public void sent(DeliveryAttempt attempt, Instant now) {
        attempts.add(attempt);
        attemptCount = attempt.getNumber();
        status = NotificationStatus.SENT;
        statusReason = null;
        providerMessageId = attempt.getProviderMessageId();
        sentAt = now;
        nextAttemptAt = null;
        claimedUntil = null;
        updatedAt = now;
    }

    /**
     * Attempt {@code attempt} failed. With {@code retryAt} the notification waits for its next attempt;
     * without, it ends as {@code finalStatus} (FAILED or DEAD).
     */
    public void failed(DeliveryAttempt attempt, Instant retryAt, NotificationStatus finalStatus, Instant now) {
        attempts.add(attempt);
        attemptCount = attempt.getNumber();
        lastError = attempt.getError();
        claimedUntil = null;
        updatedAt = now;
        if (retryAt != null) {
            status = NotificationStatus.PENDING;
            nextAttemptAt = retryAt;
        } else {
            status = finalStatus;
            statusReason = attempt.getError();
            nextAttemptAt = null;
        }
    }

    /** Waits (without an attempt) until {@code until}, e.g. the end of the customer's quiet hours. */
    public void deferUntil(Instant until, String reason, Instant now) {
        nextAttemptAt = until;
        statusReason = reason;
        claimedUntil = null;
        updatedAt = now;
    }

    /** An admin's retry of a failed or dead notification: due now, with a fresh schedule. */
    public void retry(String by, Instant now) {
        retryOffset = attemptCount;
        status = NotificationStatus.PENDING;
        statusReason = "retry requested by " + by;
        nextAttemptAt = now;
        claimedUntil = null;
        updatedAt = now;
    }

    /** The provider confirmed the delivery (a status callback). */
    public void delivered(DeliveryAttempt callback, Instant now) {
        attempts.add(callback);
        status = NotificationStatus.DELIVERED;
        deliveredAt = now;
        updatedAt = now;
    }

    /** The provider reported, after accepting it, that the message could not be delivered. */
    public void undeliverable(DeliveryAttempt callback, Instant now) {
        attempts.add(callback);
        status = NotificationStatus.FAILED;
        statusReason = callback.getError();
        lastError = callback.getError();
        updatedAt = now;
    }

    /** A provider's report that changes nothing (queued, sent, a late or repeated one), kept in the log. */
    public void reported(DeliveryAttempt report, Instant now) {
        attempts.add(report);
        updatedAt = now;
    }

    /**
     * The text stored here has a one-time secret masked; the text to send is kept apart, by
     * {@link OneTimeContents}, only until it is sent.
     */
    public void markOneTime() {
        this.oneTime = true;
    }

    public boolean isOneTime() {
        return oneTime;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public void setSubscriptionId(UUID subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    public void setDeviceId(UUID deviceId) {
        this.deviceId = deviceId;
    }

    public void setRequestedBy(String requestedBy) {
        this.requestedBy = requestedBy;
    }

    public void setCorrelationId(String correlationId) {
        this.correlationId = correlationId;
    }

    public void setTraceparent(String traceparent) {
        this.traceparent = traceparent;
    }

    public OutgoingMessage message(int attempt) {
        return new OutgoingMessage(id, channel, attempt, recipient, subject, bodyText, bodyHtml, payload, eventType,
                subscriptionId);
    }

    public UUID getId() {
        return id;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getTargetKey() {
        return targetKey;
    }

    public String getRecipient() {
        return recipient;
    }

    public UUID getSubscriptionId() {
        return subscriptionId;
    }

    public UUID getDeviceId() {
        return deviceId;
    }

    public String getTemplate() {
        return template;
    }

    public String getLocale() {
        return locale;
    }

    public String getSubject() {
        return subject;
    }

    public String getBodyText() {
        return bodyText;
    }

    public String getBodyHtml() {
        return bodyHtml;
    }

    public String getPayload() {
        return payload;
    }

    public NotificationStatus getStatus() {
        return status;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public int getAttemptCount() {
        return attemptCount;
    }

    /** Attempts made since the schedule last started (at creation or an admin's retry). */
    public int attemptsInSchedule() {
        return attemptCount - retryOffset;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getProviderMessageId() {
        return providerMessageId;
    }

    public String getLastError() {
        return lastError;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public String getTraceparent() {
        return traceparent;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public List<DeliveryAttempt> getAttempts() {
        return attempts;
    }
}
