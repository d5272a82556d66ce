package io.oasis.notification.delivery;

import java.time.Duration;

/**
 * A failed attempt whose treatment the channel knows: a transient failure (retried on the channel's
 * schedule, not before {@code retryAfter}), a permanent one (no retry: {@code FAILED}), possibly one that
 * shows the address itself is invalid (a hard bounce, a number that cannot receive SMS) or that the
 * webhook subscription is gone (410).
 */
public class DeliveryException extends RuntimeException {

    public enum Kind {
        /** Worth another attempt (timeouts, 5xx, 429, connection refused). */
        TRANSIENT,
        /** Will fail again the same way; the notification fails. */
        PERMANENT,
        /** Permanent, and the customer's address for this channel is invalid from now on. */
        INVALID_CONTACT,
        /** Permanent, and the webhook subscription is to be disabled (the receiver answered 410 Gone). */
        TARGET_GONE
    }

    private final Kind kind;
    /** No provider holds a notification back for longer than this, whatever its {@code Retry-After} asks. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final Duration retryAfter;
    private final Integer providerStatus;

    public DeliveryException(Kind kind, String message, Integer providerStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.providerStatus = providerStatus;
    }

    public static DeliveryException transientFailure(String message, Integer providerStatus, Duration retryAfter) {
        return new DeliveryException(Kind.TRANSIENT, message, providerStatus, retryAfter, null);
    }

    public static DeliveryException permanent(String message, Integer providerStatus) {
        return new DeliveryException(Kind.PERMANENT, message, providerStatus, null, null);
    }

    public static DeliveryException invalidContact(String message, Integer providerStatus) {
        return new DeliveryException(Kind.INVALID_CONTACT, message, providerStatus, null, null);
    }

    public static DeliveryException targetGone(String message, Integer providerStatus) {
        return new DeliveryException(Kind.TARGET_GONE, message, providerStatus, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked us to wait (a 429's or 503's {@code Retry-After}); null if it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The provider's status code (HTTP status, SMTP reply code, Twilio error code); null if none. */
    public Integer providerStatus() {
        return providerStatus;
    }
}
