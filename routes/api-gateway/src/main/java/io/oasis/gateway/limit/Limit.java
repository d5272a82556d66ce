package io.oasis.gateway.limit;

import io.oasis.common.contract.ApiOperation;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.config.GatewayRequest;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Step 3 of a request's path: one token from the bucket of the budget that applies (the operation's own,
 * the caller's tier, or the address's when anonymous); 429 when it is empty. The answer carries the
 * budget's RateLimit headers either way.
 */
public final class Limit implements Processor {

    private final RateLimiter limiter;
    private final Refusals refusals;

    public Limit(RateLimiter limiter, Refusals refusals) {
        this.limiter = limiter;
        this.refusals = refusals;
    }

    @Override
    public void process(Exchange exchange) {
        ApiOperation operation = exchange.getProperty(GatewayRequest.OPERATION, ApiOperation.class);
        Optional<CurrentUser> caller = CurrentUser.find(exchange);
        RateLimitDecision decision = limiter.take(operation, caller, GatewayRequest.remoteAddress(exchange));
        exchange.setProperty(Refusals.DECISION, decision);
        if (!decision.allowed()) {
            refusals.limited(exchange, operation, decision);
        }
    }
}
