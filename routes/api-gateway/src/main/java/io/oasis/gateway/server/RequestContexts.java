package io.oasis.gateway.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The Vert.x routing context of the request a route is serving. Camel's exchange carries the request
 * (its {@link HttpMessage}) but not the request's routing context, where the gateway's own handlers keep
 * what they share with the route (the operation and the caller, for the access log). Each REST
 * operation's handlers put the context here as the request reaches them; it leaves when the answer
 * has gone, or the connection has.
 */
public final class RequestContexts {

    private final Map<HttpServerRequest, RoutingContext> contexts = new ConcurrentHashMap<>();

    /** The handler that runs ahead of each REST operation (see the engine's handlers). */
    public Handler<RoutingContext> register() {
        return context -> {
            HttpServerRequest request = context.request();
            contexts.put(request, context);
            context.addEndHandler(ended -> contexts.remove(request));
            context.next();
        };
    }

    /** The request the exchange was made from. */
    private static HttpServerRequest request(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage message) {
            return message.getRequest();
        }
        throw new IllegalStateException("The exchange did not come from the gateway's HTTP server");
    }

    /** The routing context of the exchange's request (and through it, the request). */
    public RoutingContext of(Exchange exchange) {
        RoutingContext context = contexts.get(request(exchange));
        if (context == null) {
            throw new IllegalStateException("No routing context for the exchange's request");
        }
        return context;
    }
}
