package io.oasis.common.error;

/**
 * The stable problem types: callers may switch on {@link #uri()}, so never rename one.
 */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", 400),
    /** The same type the security layer writes for a missing or bad token; here for other credentials (signatures). */
    UNAUTHORIZED("unauthorized", "Unauthorized", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    CONFLICT("conflict", "Conflict", 409),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    /** A payment provider's notice whose amount or currency is not what the order is due (or has left to refund). */
    PAYMENT_MISMATCH("payment-mismatch", "Payment does not match the order", 422),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    INTERNAL("internal", "Internal server error", 500),
    /** A third party the request depends on failed or refused. */
    BAD_GATEWAY("bad-gateway", "Bad gateway", 502);

    private static final String PREFIX = "urn:oasis:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The type for an HTTP status that has no type of its own uses {@code urn:oasis:problem:http-<status>}. */
    static String uriForStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type.uri();
            }
        }
        return PREFIX + "http-" + status;
    }
}
