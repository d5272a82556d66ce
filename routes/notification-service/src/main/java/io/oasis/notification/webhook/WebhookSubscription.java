package io.oasis.notification.webhook;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An endpoint that receives events as signed webhooks (Standard Webhooks). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    public enum Status {
        ACTIVE, DISABLED
    }

    /** In {@code eventTypes}: every event. */
    public static final String ALL_EVENTS = "*";

    @Id
    private UUID id;
    private String url;
    private String eventTypes;
    private String secret;
    private String previousSecret;
    private Instant previousSecretExpiresAt;
    private String description;
    private String ownerSubject;
    private String ownerClient;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String disabledReason;
    private Instant failingSince;
    private Instant createdAt;
    private Instant updatedAt;

    protected WebhookSubscription() {
    }

    public WebhookSubscription(UUID id, String url, List<String> eventTypes, String secret, String description,
            String ownerSubject, String ownerClient, Instant now) {
        this.id = id;
        this.url = url;
        this.eventTypes = String.join(",", eventTypes);
        this.secret = secret;
        this.description = description;
        this.ownerSubject = ownerSubject;
        this.ownerClient = ownerClient;
        this.status = Status.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public boolean wants(String eventType) {
        return status == Status.ACTIVE && eventTypeList().stream()
                .anyMatch(type -> type.equals(ALL_EVENTS) || type.equals(eventType));
    }

    public List<String> eventTypeList() {
        return Arrays.stream(eventTypes.split(",")).map(String::trim).filter(type -> !type.isEmpty()).toList();
    }

    public void disable(String reason, Instant now) {
        status = Status.DISABLED;
        disabledReason = reason;
        updatedAt = now;
    }

    /** Active again (after its endpoint answered a ping): the reason and the run of failures are forgotten. */
    public void enable(Instant now) {
        status = Status.ACTIVE;
        disabledReason = null;
        failingSince = null;
        updatedAt = now;
    }

    /** A new secret; the one it replaces still signs deliveries until {@code previousUntil}. */
    public void rotateSecret(String newSecret, Instant previousUntil, Instant now) {
        previousSecret = previousUntil.isAfter(now) ? secret : null;
        previousSecretExpiresAt = previousSecret == null ? null : previousUntil;
        secret = newSecret;
        updatedAt = now;
    }

    /** The secrets a delivery at {@code now} is signed with: the current one, and the previous one during its overlap. */
    public List<String> signingSecrets(Instant now) {
        return previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)
                ? List.of(secret, previousSecret) : List.of(secret);
    }

    /** Records a failed delivery: the start of a run of failures is kept. */
    public void deliveryFailed(Instant now) {
        if (failingSince == null) {
            failingSince = now;
            updatedAt = now;
        }
    }

    public void deliverySucceeded(Instant now) {
        if (failingSince != null) {
            failingSince = null;
            updatedAt = now;
        }
    }

    public UUID getId() {
        return id;
    }

    public String getUrl() {
        return url;
    }

    public String getSecret() {
        return secret;
    }

    public Instant getPreviousSecretExpiresAt() {
        return previousSecretExpiresAt;
    }

    public String getDescription() {
        return description;
    }

    public String getOwnerSubject() {
        return ownerSubject;
    }

    public String getOwnerClient() {
        return ownerClient;
    }

    public Status getStatus() {
        return status;
    }

    public String getDisabledReason() {
        return disabledReason;
    }

    public Instant getFailingSince() {
        return failingSince;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
