package io.oasis.customer.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One thing that happened between the customer and the business: a call, a ticket, an order change. */
@Entity
@Table(name = "customer_history")
public class HistoryEntry {

    public enum Type { CALL, EMAIL, TICKET, CHAT, ORDER, NOTE }

    public enum Channel { PHONE, EMAIL, SMS, CHAT, WEB, IN_PERSON, SYSTEM }

    @Id
    private UUID id;

    private UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type")
    private Type type;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    private String summary;
    private String agent;
    private Instant occurredAt;

    /** The event this entry was made from, so a redelivered event adds nothing. */
    private String sourceEventId;

    protected HistoryEntry() {
    }

    public HistoryEntry(UUID id, UUID customerId, Type type, Channel channel, String summary, String agent,
            Instant occurredAt, String sourceEventId) {
        this.id = id;
        this.customerId = customerId;
        this.type = type;
        this.channel = channel;
        this.summary = summary;
        this.agent = agent;
        this.occurredAt = occurredAt;
        this.sourceEventId = sourceEventId;
    }

    public UUID getId() {
        return id;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public Type getType() {
        return type;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getSummary() {
        return summary;
    }

    public String getAgent() {
        return agent;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getSourceEventId() {
        return sourceEventId;
    }
}
