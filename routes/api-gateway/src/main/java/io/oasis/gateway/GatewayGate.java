package io.oasis.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.Problem;
import io.oasis.common.error.Problems;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.access.AccessPolicy;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.contract.ApiOperation;
import io.oasis.gateway.limit.RateLimitDecision;
import io.oasis.gateway.limit.RateLimiter;
import io.oasis.gateway.observe.AccessLogFilter;
import io.oasis.gateway.upstream.ForwardedRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * What every request passes before a service sees it, in this order: the operation it is for,
 * the role table (403), the caller's rate limit (429), the contract (400/415). Then the request is
 * prepared for its service, and the answer gets the rate-limit headers.
 */
public class GatewayGate {

    private static final String OPERATION = "OasisGatewayOperation";
    private static final String DECISION = "OasisGatewayRateLimit";

    private final ApiContract contract;
    private final AccessPolicy access;
    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    public GatewayGate(ApiContract contract, AccessPolicy access, RateLimiter limiter, ObjectMapper json,
            MeterRegistry meters) {
        this.contract = contract;
        this.access = access;
        this.limiter = limiter;
        this.json = json;
        this.meters = meters;
    }

    /**
     * Checks the caller's role for the operation (the one whose REST route received the request) and
     * takes a token from their bucket (or answers 429).
     */
    public void admit(Exchange exchange) throws Exception {
        HttpServletRequest request = request(exchange);
        String routeId = exchange.getFromRouteId();
        ApiOperation operation = contract.operation(routeId.substring(GatewayRoutes.OPERATION_ROUTE.length()))
                .orElseThrow(() -> new IllegalStateException("Route " + routeId + " is not a documented operation"));
        exchange.setProperty(OPERATION, operation);
        request.setAttribute(AccessLogFilter.OPERATION_ATTRIBUTE, operation);

        Optional<CurrentUser> caller = CurrentUser.find(exchange);
        caller.ifPresent(user -> request.setAttribute(AccessLogFilter.CLIENT_ATTRIBUTE, user.clientId()));
        access.check(operation, caller);

        RateLimitDecision decision = limiter.take(operation, caller, request.getRemoteAddr());
        exchange.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            meters.counter("oasis.gateway.rate.limited", "operation", operation.id(), "policy", decision.policy())
                    .increment();
            Problem problem = Problems.forStatus(429, "Too many requests",
                    "The rate limit '" + decision.policy() + "' allows " + decision.quota() + " requests per "
                            + decision.windowSeconds() + " s. Retry after " + decision.retryAfterSeconds() + " s.",
                    request.getRequestURI(), exchange.getMessage().getHeader(CorrelationId.HEADER, String.class));
            writeProblem(exchange, problem, Map.of("Retry-After", String.valueOf(decision.retryAfterSeconds())));
            rateLimitHeaders(exchange);
            exchange.setRouteStop(true);
        }
    }

    /** Checks the request against the contract and turns it into the request for the service. */
    public void forward(Exchange exchange) {
        HttpServletRequest request = request(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        ApiOperation operation = exchange.getProperty(OPERATION, ApiOperation.class);
        contract.validate(operation, new ApiContract.ApiRequest(request.getMethod(), request.getRequestURI(),
                headers(request, contract.checkedHeaders(operation)), query(request.getQueryString()), body));
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
        exchange.getMessage().setBody(json.writeValueAsBytes(problem));
    }

    static HttpServletRequest request(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message) {
            return message.getRequest();
        }
        return exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
    }

    /** The request's values of the named headers, those it has. */
    private static Map<String, List<String>> headers(HttpServletRequest request, List<String> names) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : names) {
            List<String> values = Collections.list(request.getHeaders(name));
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
