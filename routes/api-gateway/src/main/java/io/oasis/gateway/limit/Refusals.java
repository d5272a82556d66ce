package io.oasis.gateway.limit;

import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.contract.ApiOperation;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemWriter;
import io.oasis.common.error.TooManyRequestsException;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.config.GatewayRequest;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * How the steps of a request's path answer it when they refuse it: a 401 or 403 draws on a refusal budget
 * (the valid caller's own, otherwise the address's) and becomes a 429 once that is spent; a spent budget is
 * a 429 with Retry-After and its RateLimit headers. Each answer ends the request's route.
 */
public final class Refusals {

    /** Exchange property: the {@link RateLimitDecision} whose RateLimit headers the answer carries. */
    public static final String DECISION = "OasisGatewayRateLimit";

    private final RateLimiter limiter;
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    public Refusals(RateLimiter limiter, ProblemWriter problems, MeterRegistry meters) {
        this.limiter = limiter;
        this.problems = problems;
        this.meters = meters;
    }

    /**
     * A 401 or 403, charged to the refusal budget of the request's account ({@link #account}): a 429 once it
     * is spent.
     */
    public void refuse(Exchange exchange, ApiOperation operation, ProblemException refusal) {
        RateLimitDecision refusals = limiter.refuse(account(exchange));
        if (!refusals.allowed()) {
            limited(exchange, operation, refusals);
            return;
        }
        answer(exchange, refusal);
    }

    /** 429 with Retry-After and the RateLimit headers of the budget that is spent. */
    public void limited(Exchange exchange, ApiOperation operation, RateLimitDecision decision) {
        exchange.setProperty(DECISION, decision);
        meters.counter("oasis.gateway.rate.limited", "operation", operation.id(), "policy", decision.policy())
                .increment();
        answer(exchange, new TooManyRequestsException("The rate limit '" + decision.policy()
                + "' allows " + decision.quota() + " requests per " + decision.windowSeconds() + " s. Retry after "
                + decision.retryAfterSeconds() + " s.", decision.retryAfterSeconds(), Map.of()));
        rateLimitHeaders(exchange);
    }

    /** Makes the problem the HTTP answer, with only its headers (and the correlation id), and ends the route. */
    public void answer(Exchange exchange, ProblemException problem) {
        problems.write(exchange, problems.answer(problem, GatewayRequest.request(exchange).path(),
                exchange.getMessage().getHeader(CorrelationId.HEADER, String.class)));
        GatewayRequest.wholeAnswer(exchange);
        exchange.setRouteStop(true);
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
            limiter.refuse(account(exchange));
        }
    }

    /** Adds RateLimit-Policy and RateLimit to the answer. */
    private static void rateLimitHeaders(Exchange exchange) {
        RateLimitDecision decision = exchange.getProperty(DECISION, RateLimitDecision.class);
        if (decision != null) {
            exchange.getMessage().setHeader("RateLimit-Policy", decision.policyHeader());
            exchange.getMessage().setHeader("RateLimit", decision.rateLimitHeader());
        }
    }

    /** A caller with a valid token is refused on their own account, anyone else on their address's. */
    private static String account(Exchange exchange) {
        return RateLimiter.account(CurrentUser.find(exchange), GatewayRequest.remoteAddress(exchange));
    }
}
