package io.oasis.common.web;

import java.io.IOException;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.UnsupportedMediaTypeException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;


/**
 * Reads a JSON request body into a type, strictly (see {@link RequestJson}): a non-JSON content type is a
 * 415; a body that is not UTF-8, malformed JSON, anything after the document, wrong types, unknown
 * properties and control characters in text are a 400 naming the field; and the result is checked with
 * Jakarta Bean Validation (400 with every violated field). Use it as the first step of a REST route
 * (REST DSL binding off) so the route configuration {@code problem-json} answers every case:
 * <pre>{@code
 * from("direct:customer-create").routeConfigurationId(ProblemJsonRouteConfiguration.ID)
 *     .process(JsonBody.of(NewCustomer.class))
 *     .bean(customers, "create");
 * }</pre>
 */
public final class JsonBody<T> implements Processor {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private final Class<T> type;

    private JsonBody(Class<T> type) {
        this.type = type;
    }

    public static <T> JsonBody<T> of(Class<T> type) {
        return new JsonBody<>(type);
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        T value = ServiceObjectMapper.forRequests(exchange.getContext()).readerFor(type).readValue(text(exchange));
        if (value == null) {
            throw InvalidRequestException.field("$", "a JSON body is required");
        }
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        exchange.getMessage().setBody(value);
    }

    /** The body as a JSON tree, read as strictly as a typed body (for a merge patch, say). */
    public static JsonNode tree(Exchange exchange) throws IOException {
        return ServiceObjectMapper.forRequests(exchange.getContext()).readTree(text(exchange));
    }

    /** The body's text: JSON, not empty, UTF-8. */
    private static String text(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw new UnsupportedMediaTypeException("Send the body as application/json (got "
                    + (contentType == null ? "no content type" : contentType) + ").");
        }
        byte[] body = ApiRequests.rawBody(exchange);
        if (body == null || body.length == 0) {
            throw InvalidRequestException.field("$", "a JSON body is required");
        }
        return RequestJson.utf8(body);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
