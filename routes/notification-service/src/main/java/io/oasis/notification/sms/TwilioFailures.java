package io.oasis.notification.sms;

import com.twilio.exception.ApiException;
import io.oasis.notification.delivery.DeliveryException;
import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a failed call to Twilio's Messages API means for the notification: a 429 (with its {@code Retry-After}),
 * a 5xx or no answer at all is worth another attempt; an error code that says the number cannot get SMS makes
 * the customer's phone number invalid; any other 4xx would fail the same way again.
 */
@Component
public class TwilioFailures {

    /**
     * Twilio error codes that say the recipient's number cannot get our SMS, at sending or in a status callback:
     * 21211 invalid 'To' number, 21614 not a mobile number, 21610 the recipient texted STOP (Twilio refuses every
     * message to them), 30005 unknown or inactive handset, 30006 landline or unreachable carrier. Codes about our
     * side (21408 region not enabled for the account, 21606 'From' cannot send SMS, 21612 this To/From pair cannot
     * be connected) fail the message, not the number.
     */
    private static final Set<Integer> NUMBER_INVALID = Set.of(21211, 21614, 21610, 30005, 30006);

    /** Whether a Twilio error code says the number itself cannot receive SMS. */
    public static boolean numberInvalid(Integer errorCode) {
        return errorCode != null && NUMBER_INVALID.contains(errorCode);
    }

    /** The failure, as the dispatcher is to treat it; {@code error} is whatever the send threw (possibly wrapped). */
    public DeliveryException classify(Throwable error) {
        DeliveryException known = find(error, DeliveryException.class);
        if (known != null) {
            return known;
        }
        ApiException api = find(error, ApiException.class);
        if (api == null || api.getStatusCode() == null) {
            // No answer from Twilio (connection refused, timeout, I/O error): another attempt may get one.
            Throwable root = api != null ? api : root(error);
            return new DeliveryException(DeliveryException.Kind.TRANSIENT, "Twilio could not be reached: "
                    + describe(root), null, null, error);
        }
        int status = api.getStatusCode();
        Integer code = api.getCode();
        // The most specific status there is: Twilio's error code, else the HTTP status.
        Integer providerStatus = code != null ? code : status;
        String message = "Twilio answered " + status + (code != null ? " (error " + code + ")" : "") + ": "
                + api.getMessage();
        if (status == 429 || status >= 500) {
            Duration retryAfter = api instanceof TwilioRetryAfterException busy ? busy.retryAfter() : null;
            return new DeliveryException(DeliveryException.Kind.TRANSIENT, message, providerStatus, retryAfter, error);
        }
        DeliveryException.Kind kind = numberInvalid(code) ? DeliveryException.Kind.INVALID_CONTACT
                : DeliveryException.Kind.PERMANENT;
        return new DeliveryException(kind, message, providerStatus, null, error);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
