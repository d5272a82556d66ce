package io.oasis.notification.sms;

import com.twilio.exception.ApiException;
import com.twilio.exception.RestException;
import java.time.Duration;

/** Twilio answered 429 or 503 and said how long to wait ({@code Retry-After}); see {@link TwilioHttpClient}. */
public class TwilioRetryAfterException extends ApiException {

    private final Duration retryAfter;

    public TwilioRetryAfterException(RestException error, int status, Duration retryAfter) {
        super(error != null && error.getMessage() != null ? error.getMessage() : "Twilio answered " + status,
                error == null ? null : error.getCode(), error == null ? null : error.getMoreInfo(), status, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
