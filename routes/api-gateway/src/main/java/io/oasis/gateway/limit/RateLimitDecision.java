package io.oasis.gateway.limit;

/**
 * The outcome of taking one token from a caller's bucket, and the RateLimit headers
 * (draft-ietf-httpapi-ratelimit-headers) that describe it.
 *
 * @param policy the name of the budget that applied (a tier, an operation or anonymous)
 * @param quota requests per window
 * @param windowSeconds the window
 * @param remaining tokens left after this request
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds when rejected, seconds until a token is available; otherwise 0
 */
public record RateLimitDecision(String policy, long quota, long windowSeconds, long remaining, long resetSeconds,
        long retryAfterSeconds, boolean allowed) {

    public String policyHeader() {
        return "\"" + policy + "\";q=" + quota + ";w=" + windowSeconds;
    }

    public String rateLimitHeader() {
        return "\"" + policy + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
