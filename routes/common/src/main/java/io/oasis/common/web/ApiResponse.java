package io.oasis.common.web;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.idempotency.CreatedResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * What a REST operation answers: a status, a JSON body (or none) and the response headers it means
 * to send. Endpoint beans return one; the route ends with {@link #WRITE}, which makes it the HTTP
 * response. Only the headers named here (and the correlation id) go out: request headers such as
 * {@code Authorization} are never echoed back.
 * <pre>{@code
 * from("direct:customer-get").routeId("customer-get").routeConfigurationId(ProblemJsonRouteConfiguration.ID)
 *     .bean(CustomerEndpoints.class, "get")
 *     .process(ApiResponse.WRITE);
 * }</pre>
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static final String JSON = "application/json";

    /** Makes the {@link ApiResponse} in the body the HTTP response. */
    public static final Processor WRITE = ApiResponse::write;

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body, String location) {
        return new ApiResponse(201, body, Map.of("Location", location));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }

    /**
     * The answer of a create run through {@code IdempotencyKeys}: the first answer, or its replay
     * (marked {@code Idempotent-Replayed: true}).
     */
    public static ApiResponse of(CreatedResponse created) {
        ApiResponse response = new ApiResponse(created.status(), created.body(), Map.of())
                .header("Location", created.location())
                .header("ETag", created.etag());
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    /** The same response with one more header; a null value adds none (e.g. a resource without an ETag). */
    public ApiResponse header(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, Map.copyOf(more));
    }

    private static void write(Exchange exchange) throws Exception {
        ApiResponse response = exchange.getMessage().getMandatoryBody(ApiResponse.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*", CorrelationId.HEADER);
        response.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        if (response.body() == null) {
            message.setBody(null);
            return;
        }
        if (response.body() instanceof String json) {
            // Already JSON (e.g. a stored response replayed for an Idempotency-Key).
            message.setBody(json);
        } else {
            message.setBody(ServiceObjectMapper.of(exchange.getContext()).writeValueAsBytes(response.body()));
        }
        message.setHeader(Exchange.CONTENT_TYPE, JSON);
    }
}
