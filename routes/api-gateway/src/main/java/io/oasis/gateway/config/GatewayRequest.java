package io.oasis.gateway.config;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import java.nio.ByteBuffer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * What the gateway's parts share about a request: the API's paths, the route ids of its operations, the
 * routing-context keys under which its correlation id, operation and caller are kept while it is served
 * (for its access-log line), and the way from a route's exchange to the request and its routing context.
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

    /** The HTTP request the exchange was made from (platform-http on Vert.x hands it over in the message). */
    public static HttpServerRequest request(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage message) {
            return message.getRequest();
        }
        throw new IllegalStateException("The exchange did not come from the gateway's HTTP server");
    }

    /** The Vert.x routing context of the exchange's request: Vert.x Web's request knows its own. */
    public static RoutingContext routingContext(Exchange exchange) {
        if (request(exchange) instanceof WebServerRequest request) {
            return request.routingContext();
        }
        throw new IllegalStateException("The exchange's request did not pass the gateway's router");
    }

    /**
     * The request's body, the bytes the caller sent, as the message's body: form posts too, whose fields
     * platform-http hands over instead (a provider signed those bytes: Twilio's status callbacks). Null
     * without a body.
     */
    public static byte[] body(Exchange exchange) {
        Message message = exchange.getMessage();
        if (message.getBody() instanceof byte[] bytes) {
            return bytes;
        }
        Buffer received = routingContext(exchange).body().buffer();
        byte[] body = received == null ? null : received.getBytes();
        message.setBody(body);
        return body;
    }

    /** The caller's IP address. */
    public static String remoteAddress(Exchange exchange) {
        return request(exchange).remoteAddress().host();
    }

    /**
     * The answer's body as one {@link ByteBuffer}: platform-http on Vert.x writes that with a
     * Content-Length, at once, on the connection's event loop. A byte array it turns into a stream and
     * reads on a worker thread (two more thread hand-overs per request); a String it sends chunked.
     */
    public static void wholeAnswer(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!(message.getBody() instanceof ByteBuffer)) {
            byte[] body = message.getBody(byte[].class);
            message.setBody(body == null ? null : ByteBuffer.wrap(body));
        }
    }
}
