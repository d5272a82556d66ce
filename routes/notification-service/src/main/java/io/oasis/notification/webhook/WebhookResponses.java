package io.oasis.notification.webhook;

import io.oasis.notification.delivery.DeliveryException;
import io.oasis.common.http.RetryAfter;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

/**
 * What a receiver's answer, or the failure to get one, means for a webhook (Standard Webhooks): 2xx is
 * delivered; 410 Gone ends the subscription; everything else is tried again on the schedule, 429 and 503
 * not before their {@code Retry-After}. Redirects are not followed (the new target was never checked), and
 * count as a failure that a fixed endpoint recovers from.
 */
final class WebhookResponses {

    private WebhookResponses() {
    }

    /**
     * @param retryAfter the {@code Retry-After} header (seconds or an HTTP date), or null
     * @param location   the {@code Location} header of a redirect, or null
     * @return null when the receiver accepted the webhook, else the failure to throw
     */
    static DeliveryException forStatus(int status, String retryAfter, String location, Instant now) {
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status >= 300 && status < 400) {
            return DeliveryException.transientFailure("The receiver answered " + status
                    + " (redirect to " + (location == null ? "nowhere" : location)
                    + "); redirects are not followed: change the subscription's URL", status, null);
        }
        if (status == 410) {
            return DeliveryException.targetGone("The receiver answered 410 Gone: the subscription is disabled",
                    status);
        }
        if (status == 429 || status == 503) {
            Duration wait = RetryAfter.parse(retryAfter, now, DeliveryException.MAX_RETRY_AFTER);
            return DeliveryException.transientFailure("The receiver answered " + status
                    + (wait == null ? "" : ", retry after " + wait.toSeconds() + " s"), status, wait);
        }
        return DeliveryException.transientFailure("The receiver answered " + status, status, null);
    }

    /** The failure for an exception of the HTTP call: a forbidden target is permanent, anything else transient. */
    static DeliveryException forError(Throwable error, Duration timeout) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ForbiddenTargetException forbidden) {
                return new DeliveryException(DeliveryException.Kind.PERMANENT,
                        "The target may not be reached: " + forbidden.getMessage(), null, null, forbidden);
            }
            if (cause instanceof InterruptedIOException) {
                return transientFailure("The receiver timed out (no connection or answer within "
                        + timeout.toMillis() + " ms)", cause);
            }
            if (cause instanceof ConnectException) {
                return transientFailure("The receiver could not be connected to: " + cause.getMessage(), cause);
            }
            if (cause instanceof UnknownHostException) {
                return transientFailure("The receiver's host does not resolve: " + cause.getMessage(), cause);
            }
            if (cause instanceof SSLException) {
                return transientFailure("TLS with the receiver failed: " + cause.getMessage(), cause);
            }
        }
        return transientFailure("The webhook could not be sent: " + error, error);
    }

    private static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(DeliveryException.Kind.TRANSIENT, message, null, null, cause);
    }
}
