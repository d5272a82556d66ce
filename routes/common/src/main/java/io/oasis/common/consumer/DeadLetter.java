package io.oasis.common.consumer;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A record a consumer gave up on, as admins read it: where it came from, the last error and, once replayed,
 * when and by whom. {@code payload} (the record's value, which may carry personal data) is only in a
 * single letter's answer, not in lists.
 */
public record DeadLetter(UUID id, String consumer, String topic, int partition, long offset, String key,
        String eventId, String error, OffsetDateTime failedAt, OffsetDateTime replayedAt, String replayedBy,
        String payload) {

    /** The same letter without its payload, for a list. */
    public DeadLetter withoutPayload() {
        return new DeadLetter(id, consumer, topic, partition, offset, key, eventId, error, failedAt, replayedAt,
                replayedBy, null);
    }
}
