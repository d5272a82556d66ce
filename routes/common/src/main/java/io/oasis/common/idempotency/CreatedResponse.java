package io.oasis.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * What a create answered: the status, the JSON body, and the {@code Location} and {@code ETag}
 * headers (either may be null). {@code replayed} is true when it comes from an earlier request
 * with the same {@code Idempotency-Key}.
 */
public record CreatedResponse(int status, String body, String location, String etag, boolean replayed) {

    public CreatedResponse(int status, String body, String location, String etag) {
        this(status, body, location, etag, false);
    }

    /** A 201 for a new resource: its JSON (kept as text, so a replay answers the same bytes), where it lives, its version. */
    public static CreatedResponse created(ObjectMapper objectMapper, Object resource, String location, String etag) {
        try {
            return new CreatedResponse(201, objectMapper.writeValueAsString(resource), location, etag);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
