package io.oasis.gateway.config;

/**
 * The names the gateway's parts share about a request: the API's paths, the route ids of its operations,
 * and the routing-context keys under which a request's correlation id, operation and caller are kept
 * while it is served (for its access-log line).
 */
public final class GatewayRequest {

    public static final String BASE_PATH = "/api/v1";
    public static final String OPENAPI_PATH = BASE_PATH + "/openapi.json";
    /** Route id of a documented operation: this and its {@code operationId}. */
    public static final String OPERATION_ROUTE = "gateway-";

    /** Routing-context key: the request's correlation id. */
    public static final String CORRELATION_ID = "oasis.correlationId";
    /** Routing-context key: the {@link io.oasis.common.contract.ApiOperation} the gateway matched. */
    public static final String OPERATION = "oasis.operation";
    /** Routing-context key: the client id of the caller's token. */
    public static final String CLIENT = "oasis.client";

    private GatewayRequest() {
    }
}
