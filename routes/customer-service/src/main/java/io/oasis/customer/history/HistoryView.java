package io.oasis.customer.history;

import java.time.Instant;
import java.util.UUID;

public record HistoryView(UUID id, UUID customerId, HistoryEntry.Type type, HistoryEntry.Channel channel,
        String summary, String agent, Instant occurredAt) {

    public static HistoryView of(HistoryEntry e) {
        return new HistoryView(e.getId(), e.getCustomerId(), e.getType(), e.getChannel(), e.getSummary(),
                e.getAgent(), e.getOccurredAt());
    }
}
