package io.oasis.notification.delivery;

/**
 * Where a notification stands. {@code PENDING} waits for its first or next attempt (see
 * {@code nextAttemptAt}); {@code SENT} was accepted by the provider; {@code DELIVERED} was confirmed by it;
 * {@code FAILED} failed for good (a bounce, a rejected number, a gone webhook); {@code SUPPRESSED} was
 * never sent (opted out, no valid address); {@code DEAD} spent every attempt of its retry schedule.
 * {@code FAILED} and {@code DEAD} can be retried by an admin.
 */
public enum NotificationStatus {
    PENDING, SENT, DELIVERED, FAILED, SUPPRESSED, DEAD;

    public boolean retryable() {
        return this == FAILED || this == DEAD;
    }
}
