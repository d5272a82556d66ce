package io.oasis.gateway.upstream;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.gateway.config.GatewayRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * What goes upstream of a caller's request: the same method, raw path and query, body and end-to-end
 * headers (Authorization, correlation id, traceparent, If-Match, Idempotency-Key, signatures...).
 * Hop-by-hop headers, those the caller listed in {@code Connection}, and any forwarding information
 * the caller claims are dropped; the gateway states its own {@code X-Forwarded-*}.
 */
public final class ForwardedRequest {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade", "host", "content-length", "expect");
    private static final Set<String> SPOOFABLE = Set.of("forwarded", "x-real-ip", "x-client-ip");

    private ForwardedRequest() {
    }

    /**
     * Step 5 of a request's path: replaces the message's headers by those to send upstream, and its body by
     * the bytes the caller sent.
     */
    public static void prepare(Exchange exchange) {
        HttpServerRequest request = GatewayRequest.request(exchange);
        GatewayRequest.body(exchange);
        Message message = exchange.getMessage();
        String correlationId = message.getHeader(CorrelationId.HEADER, String.class);
        message.removeHeaders("*");

        MultiMap headers = request.headers();
        Set<String> named = connectionTokens(headers);
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!forwardable(lower) || named.contains(lower)) {
                continue;
            }
            List<String> values = headers.getAll(name);
            if (!values.isEmpty()) {
                message.setHeader(name, values.size() == 1 ? values.get(0) : values);
            }
        }
        message.setHeader(CorrelationId.HEADER, correlationId);
        message.setHeader("X-Forwarded-For", request.remoteAddress().host());
        message.setHeader("X-Forwarded-Proto", request.scheme());
        String host = headers.get("Host");
        if (host != null) {
            message.setHeader("X-Forwarded-Host", host);
        }

        message.setHeader(Exchange.HTTP_METHOD, method(request.method().name()));
        // The path and query as the caller wrote them (encoded), for the service to read as the gateway did.
        message.setHeader(Exchange.HTTP_PATH, request.path());
        if (request.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, request.query());
        }
    }

    /**
     * The method as camel-http's own enum: camel-http reads the header as {@link HttpMethods}, and
     * converting a String to it went through Camel's type-converter lookup on every request (a few
     * percent of the gateway's CPU). A method it does not know stays a String.
     */
    private static Object method(String method) {
        try {
            return HttpMethods.valueOf(method);
        } catch (IllegalArgumentException e) {
            return method;
        }
    }

    static boolean forwardable(String lowerCaseName) {
        return !HOP_BY_HOP.contains(lowerCaseName) && !SPOOFABLE.contains(lowerCaseName)
                && !lowerCaseName.startsWith("proxy-") && !lowerCaseName.startsWith("x-forwarded-")
                && !lowerCaseName.equals(CorrelationId.HEADER.toLowerCase(Locale.ROOT))
                && !lowerCaseName.startsWith("camel");
    }

    /** The header names the caller's {@code Connection} lists, in lower case; none for most requests. */
    private static Set<String> connectionTokens(MultiMap headers) {
        List<String> values = headers.getAll("Connection");
        if (values.isEmpty()) {
            return Set.of();
        }
        Set<String> tokens = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }
}
