package io.oasis.customer.crm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer change the CRM did not take after every retry: kept until an admin replays it. */
@Entity
@Table(name = "crm_sync_failure")
public class CrmSyncFailure {

    static final int MAX_ERROR = 2000;

    @Id
    private UUID id;

    private UUID customerId;
    private String eventId;
    private String eventType;
    private String payload;
    private Integer lastStatus;
    private String error;
    private int attempts;
    private Instant failedAt;
    private Instant replayedAt;

    protected CrmSyncFailure() {
    }

    public CrmSyncFailure(UUID customerId, String eventId, String eventType, CrmSync.Outcome outcome, Instant now) {
        this.id = UUID.randomUUID();
        this.customerId = customerId;
        this.eventId = eventId;
        this.eventType = eventType;
        this.failedAt = now;
        failedAgain(outcome, now);
    }

    /** A replay that failed too: the latest answer and the attempts so far. */
    public void failedAgain(CrmSync.Outcome outcome, Instant now) {
        this.payload = outcome.payload();
        this.lastStatus = outcome.status();
        this.error = outcome.error().length() > MAX_ERROR ? outcome.error().substring(0, MAX_ERROR) : outcome.error();
        this.attempts += outcome.attempts();
        this.failedAt = now;
    }

    public void replayed(Instant now) {
        this.replayedAt = now;
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

    public String getPayload() {
        return payload;
    }

    public Integer getLastStatus() {
        return lastStatus;
    }

    public String getError() {
        return error;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getFailedAt() {
        return failedAt;
    }

    public Instant getReplayedAt() {
        return replayedAt;
    }
}
