package io.oasis.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.Problem;
import io.oasis.common.error.ProblemType;
import io.oasis.common.error.Problems;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.security.SecurityProblems;
import io.oasis.gateway.access.AccessPolicy;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.contract.ApiOperation;
import io.oasis.gateway.limit.RateLimitDecision;
import io.oasis.gateway.limit.RateLimiter;
import io.oasis.gateway.observe.AccessLog;
import io.oasis.gateway.security.BearerAuthentication;
import io.oasis.gateway.security.BearerAuthentication.AuthenticationFailure;
import io.oasis.gateway.server.RequestContexts;
import io.oasis.gateway.upstream.ForwardedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What every request passes before a service sees it, in this order: the operation it is for, the
 * caller's token (401, or 503 when the realm's keys cannot be had), the role table (403), the
 * caller's rate limit (429), the contract (400/415). Then the request is prepared for its service,
 * and the answer gets the rate-limit headers.
 */
public class GatewayGate {

    private static final String OPERATION = "OasisGatewayOperation";
    private static final String DECISION = "OasisGatewayRateLimit";

    private final ApiContract contract;
    private final AccessPolicy access;
    private final BearerAuthentication authentication;
    private final RateLimiter limiter;
    private final RequestContexts contexts;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    public GatewayGate(ApiContract contract, AccessPolicy access, BearerAuthentication authentication,
            RateLimiter limiter, RequestContexts contexts, ObjectMapper json, MeterRegistry meters) {
        this.contract = contract;
        this.access = access;
        this.authentication = authentication;
        this.limiter = limiter;
        this.contexts = contexts;
        this.json = json;
        this.meters = meters;
    }

    /**
     * Finds the caller (or answers 401/503), checks their role for the operation (the one whose REST
     * route received the request) and takes a token from their bucket (or answers 429).
     */
    public void admit(Exchange exchange) throws Exception {
        RoutingContext context = contexts.of(exchange);
        HttpServerRequest request = context.request();
        String routeId = exchange.getFromRouteId();
        ApiOperation operation = contract.operation(routeId.substring(GatewayRoutes.OPERATION_ROUTE.length()))
                .orElseThrow(() -> new IllegalStateException("Route " + routeId + " is not a documented operation"));
        exchange.setProperty(OPERATION, operation);
        context.put(AccessLog.OPERATION, operation);

        Optional<CurrentUser> caller;
        try {
            caller = authentication.caller(request.getHeader("Authorization"));
        } catch (AuthenticationFailure failure) {
            refuse(exchange, request, failure);
            return;
        }
        if (caller.isEmpty() && !access.isPublic(operation)) {
            writeProblem(exchange, Problems.of(ProblemType.UNAUTHORIZED, "A bearer token is required", request.path(),
                    correlationId(exchange), List.of()), Map.of("WWW-Authenticate", BearerAuthentication.challenge(null)));
            exchange.setRouteStop(true);
            return;
        }
        caller.ifPresent(user -> {
            exchange.setProperty(CurrentUser.EXCHANGE_PROPERTY, user);
            context.put(AccessLog.CLIENT, user.clientId());
        });
        access.check(operation, caller);

        RateLimitDecision decision = limiter.take(operation, caller, request.remoteAddress().host());
        exchange.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            meters.counter("oasis.gateway.rate.limited", "operation", operation.id(), "policy", decision.policy())
                    .increment();
            Problem problem = Problems.forStatus(429, "Too many requests",
                    "The rate limit '" + decision.policy() + "' allows " + decision.quota() + " requests per "
                            + decision.windowSeconds() + " s. Retry after " + decision.retryAfterSeconds() + " s.",
                    request.path(), correlationId(exchange));
            writeProblem(exchange, problem, Map.of("Retry-After", String.valueOf(decision.retryAfterSeconds())));
            rateLimitHeaders(exchange);
            exchange.setRouteStop(true);
        }
    }

    /**
     * A token that is not valid: 401 with its challenge. Keys that could not be fetched: 503, for the
     * token was not judged.
     */
    private void refuse(Exchange exchange, HttpServerRequest request, AuthenticationFailure failure) throws Exception {
        if (failure.failure() == BearerAuthentication.Failure.UNAVAILABLE) {
            writeProblem(exchange, new Problem(SecurityProblems.AUTH_UNAVAILABLE, "Authentication unavailable", 503,
                    "The token could not be checked because the identity provider's keys are unavailable",
                    request.path(), correlationId(exchange), List.of()), Map.of("Retry-After", "5"));
        } else {
            writeProblem(exchange, Problems.of(ProblemType.UNAUTHORIZED, failure.getMessage(), request.path(),
                    correlationId(exchange), List.of()), Map.of("WWW-Authenticate", BearerAuthentication.challenge(failure)));
        }
        exchange.setRouteStop(true);
    }

    private static String correlationId(Exchange exchange) {
        return exchange.getMessage().getHeader(CorrelationId.HEADER, String.class);
    }

    /** Checks the request against the contract and turns it into the request for the service. */
    public void forward(Exchange exchange) {
        RoutingContext context = contexts.of(exchange);
        HttpServerRequest request = context.request();
        // The bytes the caller sent, form posts too (platform-http hands a form's fields over instead): the
        // contract check parses them itself, and a provider signed them (Twilio's status callbacks).
        Buffer received = context.body().buffer();
        byte[] body = received == null ? null : received.getBytes();
        ApiOperation operation = exchange.getProperty(OPERATION, ApiOperation.class);
        contract.validate(operation, new ApiContract.ApiRequest(request.method().name(), request.path(),
                headers(request, contract.checkedHeaders(operation)), query(request.query()), body));
        ForwardedRequest.prepare(exchange, request);
        exchange.getMessage().setBody(body);
    }

    /** Adds RateLimit-Policy and RateLimit to the answer. */
    public void rateLimitHeaders(Exchange exchange) {
        RateLimitDecision decision = exchange.getProperty(DECISION, RateLimitDecision.class);
        if (decision != null) {
            exchange.getMessage().setHeader("RateLimit-Policy", decision.policyHeader());
            exchange.getMessage().setHeader("RateLimit", decision.rateLimitHeader());
        }
    }

    /** Makes a problem the HTTP answer, with only the given headers (and the correlation id). */
    public void writeProblem(Exchange exchange, Problem problem, Map<String, String> headers) throws Exception {
        exchange.getMessage().removeHeaders("*", CorrelationId.HEADER);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        exchange.getMessage().setBody(ByteBuffer.wrap(json.writeValueAsBytes(problem)));
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

    /** The request's values of the named headers, those it has. */
    private static Map<String, List<String>> headers(HttpServerRequest request, List<String> names) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : names) {
            List<String> values = request.headers().getAll(name);
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        return headers;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
