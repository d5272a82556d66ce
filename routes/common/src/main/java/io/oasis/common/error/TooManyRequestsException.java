package io.oasis.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** 429: a budget is spent; the caller may try again after {@code Retry-After} seconds. */
public class TooManyRequestsException extends ProblemException {

    /** @param headers more headers of the answer (the RateLimit headers of the budget, say) */
    public TooManyRequestsException(String detail, long retryAfterSeconds, Map<String, String> headers) {
        super(429, "Too many requests", detail, withRetryAfter(retryAfterSeconds, headers));
    }

    private static Map<String, String> withRetryAfter(long retryAfterSeconds, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Retry-After", String.valueOf(retryAfterSeconds));
        return all;
    }
}
