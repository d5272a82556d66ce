package io.oasis.common.error;

import java.util.List;
import java.util.Map;

/** 503: something the answer depends on is unavailable for now; the caller may retry after {@code Retry-After} seconds. */
public class ServiceUnavailableException extends ProblemException {

    public ServiceUnavailableException(String title, String detail, long retryAfterSeconds) {
        super(503, title, detail, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** With a type of its own (the identity provider's keys could not be had, say). */
    public ServiceUnavailableException(String type, String title, String detail, long retryAfterSeconds) {
        super(type, title, 503, detail, List.of(), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
