package io.oasis.customer.history;

import io.oasis.common.web.MultiLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The body of {@code POST /customers/{id}/history}. The agent is the caller, not a body field. The summary
 * is free text over several lines; every other string is one line.
 */
public record HistoryRequest(
        @NotNull HistoryEntry.Type type,
        HistoryEntry.Channel channel,
        @MultiLineText @NotBlank @Size(max = 2000) String summary,
        @PastOrPresent Instant occurredAt) {
}
