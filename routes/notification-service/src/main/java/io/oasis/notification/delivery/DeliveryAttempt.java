package io.oasis.notification.delivery;

import io.oasis.common.tracing.TraceParents;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One try at sending a notification, or one status report about it from the provider. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID notificationId;
    private int number;
    private Instant startedAt;
    private Instant finishedAt;
    private String outcome;
    private Integer providerStatus;
    private String providerMessageId;
    private String error;
    /** The W3C traceparent of the span the attempt ran in (null without tracing): the order timeline leads there. */
    private String traceparent;

    protected DeliveryAttempt() {
    }

    public DeliveryAttempt(UUID notificationId, int number, Instant startedAt, Instant finishedAt, String outcome,
            Integer providerStatus, String providerMessageId, String error) {
        this.notificationId = notificationId;
        this.number = number;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.outcome = outcome;
        this.providerStatus = providerStatus;
        this.providerMessageId = providerMessageId;
        this.error = error;
        this.traceparent = TraceParents.ofCurrentSpan();
    }

    public Long getId() {
        return id;
    }

    public UUID getNotificationId() {
        return notificationId;
    }

    public int getNumber() {
        return number;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public Integer getProviderStatus() {
        return providerStatus;
    }

    public String getProviderMessageId() {
        return providerMessageId;
    }

    public String getError() {
        return error;
    }

    public String getTraceparent() {
        return traceparent;
    }

    public String getTraceId() {
        return TraceParents.traceId(traceparent);
    }

    public String getSpanId() {
        return TraceParents.spanId(traceparent);
    }
}
