package io.oasis.notification.push;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A device a customer registered to receive push notifications, by its provider token. */
@Entity
@Table(name = "push_device")
public class PushDevice {

    /** The longest token the table holds. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    @Id
    private UUID id;
    private UUID customerId;
    private String token;
    private String platform;
    private Instant createdAt;

    protected PushDevice() {
    }

    public PushDevice(UUID id, UUID customerId, String token, String platform, Instant createdAt) {
        this.id = id;
        this.customerId = customerId;
        this.token = token;
        this.platform = platform;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public String getToken() {
        return token;
    }

    public String getPlatform() {
        return platform;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
