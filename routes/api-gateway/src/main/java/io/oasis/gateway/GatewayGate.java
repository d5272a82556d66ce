package io.oasis.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.contract.ApiOperation;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemWriter;
import io.oasis.common.error.TooManyRequestsException;
import io.oasis.common.error.UnauthorizedException;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.security.SecurityProblems;
import io.oasis.gateway.config.GatewayRequest;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.limit.RateLimitDecision;
import io.oasis.gateway.limit.RateLimiter;
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
 * What every request passes before a service sees it. A request whose bearer token the gateway accepted
 * before (and still holds) is its caller's at once: the caller's rate limit (429), then the operation's roles
 * (403). Any other request is answered 429 at once if its address's refusal budget is spent, before its
 * token's signature is checked; otherwise the token (401, or 503 when the realm's keys cannot be had), and
 * for a caller it names, their rate limit and the operation's roles as above; a request without a token is
 * charged to its address's budget (anonymous, or the public operation's). Each 401 and 403, the gateway's
 * or the service's, draws on a refusal budget (a valid caller's own, otherwise the address's); once it is
 * spent, the refusal is a 429. Then the contract (400/415), the request is prepared for its service, and
 * the answer gets the rate-limit headers.
 */
public class GatewayGate {

    private static final String OPERATION = "OasisGatewayOperation";
    private static final String DECISION = "OasisGatewayRateLimit";

    private final ApiContract contract;
    private final BearerAuthentication authentication;
    private final RateLimiter limiter;
    private final RequestContexts contexts;
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    public GatewayGate(ApiContract contract, BearerAuthentication authentication,
            RateLimiter limiter, RequestContexts contexts, ProblemWriter problems, MeterRegistry meters) {
        this.contract = contract;
        this.authentication = authentication;
        this.limiter = limiter;
        this.contexts = contexts;
        this.problems = problems;
        this.meters = meters;
    }

    /**
     * Finds the caller and admits the request to the operation (the one whose REST route received it), or
     * answers it: 401/503 for the token, 403 for the role, 429 for a budget.
     */
    public void admit(Exchange exchange) {
        RoutingContext context = contexts.of(exchange);
        HttpServerRequest request = context.request();
        String routeId = exchange.getFromRouteId();
        ApiOperation operation = contract.operation(routeId.substring(GatewayRequest.OPERATION_ROUTE.length()))
                .orElseThrow(() -> new IllegalStateException("Route " + routeId + " is not a documented operation"));
        exchange.setProperty(OPERATION, operation);
        context.put(GatewayRequest.OPERATION, operation);
        String authorization = request.getHeader("Authorization");

        CurrentUser known = authentication.knownCaller(authorization);
        if (known != null) {
            admitCaller(exchange, context, operation, known);
            return;
        }

        // No token the gateway knows: an address that keeps failing is answered before its token is checked.
        String address = request.remoteAddress().host();
        RateLimitDecision refusals = limiter.refusalsLeft(RateLimiter.account(Optional.empty(), address));
        if (!refusals.allowed()) {
            limited(exchange, request, operation, refusals);
            return;
        }
        Optional<CurrentUser> caller;
        try {
            caller = authentication.caller(authorization);
        } catch (AuthenticationFailure failure) {
            refuse(exchange, request, operation, failure);
            return;
        }
        if (caller.isPresent()) {
            admitCaller(exchange, context, operation, caller.get());
            return;
        }
        // Anonymous: the address's budget (or a public operation's own, per address).
        RateLimitDecision byAddress = limiter.take(operation, Optional.empty(), address);
        exchange.setProperty(DECISION, byAddress);
        if (!byAddress.allowed()) {
            limited(exchange, request, operation, byAddress);
        } else if (!operation.open()) {
            refuse(exchange, request, operation,
                    new UnauthorizedException("A bearer token is required", BearerAuthentication.challenge(null)));
        }
    }

    /** A caller with a valid token: their own budget, then the operation's roles (x-oasis-roles in the API document). */
    private void admitCaller(Exchange exchange, RoutingContext context, ApiOperation operation, CurrentUser caller) {
        exchange.setProperty(CurrentUser.EXCHANGE_PROPERTY, caller);
        context.put(GatewayRequest.CLIENT, caller.clientId());
        HttpServerRequest request = context.request();
        Optional<CurrentUser> user = Optional.of(caller);
        RateLimitDecision decision = limiter.take(operation, user, request.remoteAddress().host());
        exchange.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            limited(exchange, request, operation, decision);
        } else if (!operation.allows(user)) {
            refuse(exchange, request, operation, new ForbiddenException(operation.refusal()));
        }
    }

    /** 429 with Retry-After and the RateLimit headers of the budget that is spent. */
    private void limited(Exchange exchange, HttpServerRequest request, ApiOperation operation,
            RateLimitDecision decision) {
        exchange.setProperty(DECISION, decision);
        meters.counter("oasis.gateway.rate.limited", "operation", operation.id(), "policy", decision.policy())
                .increment();
        writeProblem(exchange, request, new TooManyRequestsException("The rate limit '" + decision.policy()
                + "' allows " + decision.quota() + " requests per " + decision.windowSeconds() + " s. Retry after "
                + decision.retryAfterSeconds() + " s.", decision.retryAfterSeconds(), Map.of()));
        rateLimitHeaders(exchange);
        exchange.setRouteStop(true);
    }

    /**
     * A token that is not valid: 401 with its challenge. Keys that could not be fetched: 503, for the
     * token was not judged (and the address is not charged a refusal).
     */
    private void refuse(Exchange exchange, HttpServerRequest request, ApiOperation operation,
            AuthenticationFailure failure) {
        if (failure.failure() == BearerAuthentication.Failure.UNAVAILABLE) {
            writeProblem(exchange, request, SecurityProblems.keysUnavailable());
            exchange.setRouteStop(true);
            return;
        }
        refuse(exchange, request, operation,
                new UnauthorizedException(failure.getMessage(), BearerAuthentication.challenge(failure)));
    }

    /**
     * A 401 or 403, charged to the refusal budget of the caller (a 403) or the address (a 401): once that is
     * spent, a 429 instead.
     */
    private void refuse(Exchange exchange, HttpServerRequest request, ApiOperation operation,
            ProblemException refusal) {
        RateLimitDecision refusals = limiter.refuse(refusalAccount(exchange, request));
        if (!refusals.allowed()) {
            limited(exchange, request, operation, refusals);
            return;
        }
        writeProblem(exchange, request, refusal);
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

    /**
     * The last step of every admitted request: the answer gets the RateLimit headers, and a refusal by the
     * service (401, 403: a provider's callback with a bad signature, say) draws on a refusal budget, as the
     * gateway's own refusals do.
     */
    public void answered(Exchange exchange) {
        rateLimitHeaders(exchange);
        Object status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
        if (status instanceof Integer code && (code == 401 || code == 403)) {
            limiter.refuse(refusalAccount(exchange, contexts.of(exchange).request()));
        }
    }

    /** A caller with a valid token is refused on their own account, anyone else on their address's. */
    private static String refusalAccount(Exchange exchange, HttpServerRequest request) {
        return RateLimiter.account(Optional.ofNullable(exchange.getProperty(CurrentUser.EXCHANGE_PROPERTY,
                CurrentUser.class)), request.remoteAddress().host());
    }

    /** Adds RateLimit-Policy and RateLimit to the answer. */
    public void rateLimitHeaders(Exchange exchange) {
        RateLimitDecision decision = exchange.getProperty(DECISION, RateLimitDecision.class);
        if (decision != null) {
            exchange.getMessage().setHeader("RateLimit-Policy", decision.policyHeader());
            exchange.getMessage().setHeader("RateLimit", decision.rateLimitHeader());
        }
    }

    /** Makes the refusal the HTTP answer, with only its headers (and the correlation id). */
    private void writeProblem(Exchange exchange, HttpServerRequest request, ProblemException refusal) {
        problems.write(exchange, problems.answer(refusal, request.path(), correlationId(exchange)));
        wholeAnswer(exchange);
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
