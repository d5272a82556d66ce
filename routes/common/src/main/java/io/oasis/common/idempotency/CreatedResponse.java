package io.oasis.common.idempotency;

/**
 * What a create answered: the status, the JSON body, and the {@code Location} and {@code ETag}
 * headers (either may be null). {@code replayed} is true when it comes from an earlier request
 * with the same {@code Idempotency-Key}.
 */
public record CreatedResponse(int status, String body, String location, String etag, boolean replayed) {

    public CreatedResponse(int status, String body, String location, String etag) {
        this(status, body, location, etag, false);
    }
}
