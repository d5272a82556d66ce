package io.oasis.customer.history;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The body of {@code POST /customers/{id}/history}. The agent is the caller, not a body field. */
public record HistoryRequest(
        @NotNull HistoryEntry.Type type,
        HistoryEntry.Channel channel,
        @NotBlank @Size(max = 2000) String summary,
        @PastOrPresent Instant occurredAt) {
}
