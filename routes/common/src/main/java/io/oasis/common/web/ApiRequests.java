package io.oasis.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.error.PreconditionFailedException;
import io.oasis.common.error.PreconditionRequiredException;
import java.io.IOException;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * Reading the parts of a REST request the same way in every endpoint bean: the raw body, the
 * body as a validated type, a path id, and the version an {@code If-Match} names.
 */
public final class ApiRequests {

    private ApiRequests() {
    }

    /**
     * The request body as sent. It is kept on the exchange as bytes: an HTTP body is a stream that
     * can be read once, and callers read it again (a hash, a signature, then JSON).
     */
    public static byte[] rawBody(Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(raw);
        return raw;
    }

    /** The body as {@code type}, read strictly and validated (see {@link JsonBody}). */
    public static <T> T body(Exchange exchange, Class<T> type) throws IOException {
        JsonBody.of(type).process(exchange);
        return exchange.getMessage().getBody(type);
    }

    /** The body as a JSON tree, read as strictly (e.g. a merge patch, applied before it is bound). */
    public static JsonNode tree(Exchange exchange) throws IOException {
        return JsonBody.tree(exchange);
    }

    /**
     * The UUID in the path parameter {@code id}. Anything else cannot name a resource, so it is
     * a 404 like an unknown id: {@code "No <what> <id>."}.
     */
    public static UUID pathId(Exchange exchange, String what) {
        String id = exchange.getMessage().getHeader("id", String.class);
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("No " + what + " " + id + ".");
        }
    }

    /** The UUID in the optional query parameter {@code name}: null when absent, 400 naming it when not a UUID. */
    public static UUID queryId(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field(name, "must be a UUID");
        }
    }

    /**
     * The version named by {@code If-Match} (an entity tag such as {@code "3"}, weak or not), or
     * null without the header. A tag that was never issued cannot match: 412.
     */
    public static Long ifMatchVersion(Exchange exchange) {
        String ifMatch = exchange.getMessage().getHeader("If-Match", String.class);
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Long.parseLong(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " is not a version of this resource.");
        }
    }

    /** Like {@link #ifMatchVersion} for changes that must not overwrite unseen ones: 428 without it. */
    public static long requiredIfMatchVersion(Exchange exchange) {
        Long version = ifMatchVersion(exchange);
        if (version == null) {
            throw new PreconditionRequiredException(
                    "Send If-Match with the ETag from GET, so a change made meanwhile is not overwritten.");
        }
        return version;
    }
}
