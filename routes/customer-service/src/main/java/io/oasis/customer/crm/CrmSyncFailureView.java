package io.oasis.customer.crm;

import java.time.Instant;
import java.util.UUID;

/** A failed CRM sync as the admin API shows it. {@code replayedAt} is set once a replay went through. */
public record CrmSyncFailureView(
        UUID id,
        UUID customerId,
        String eventId,
        String eventType,
        String payload,
        Integer lastStatus,
        String error,
        int attempts,
        Instant failedAt,
        Instant replayedAt) {

    public static CrmSyncFailureView of(CrmSyncFailure failure) {
        return new CrmSyncFailureView(failure.getId(), failure.getCustomerId(), failure.getEventId(),
                failure.getEventType(), failure.getPayload(), failure.getLastStatus(), failure.getError(),
                failure.getAttempts(), failure.getFailedAt(), failure.getReplayedAt());
    }
}
