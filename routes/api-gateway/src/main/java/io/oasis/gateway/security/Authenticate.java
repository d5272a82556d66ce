package io.oasis.gateway.security;

import io.oasis.common.contract.ApiOperation;
import io.oasis.common.error.UnauthorizedException;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.security.SecurityProblems;
import io.oasis.gateway.config.GatewayRequest;
import io.oasis.gateway.limit.RateLimitDecision;
import io.oasis.gateway.limit.RateLimiter;
import io.oasis.gateway.limit.Refusals;
import io.oasis.gateway.security.BearerAuthentication.AuthenticationFailure;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Step 1 of a request's path: the caller, from its bearer token. A token the gateway accepted before (and
 * still holds) is its caller's at once. Any other request is answered 429 if its address's refusal budget
 * is spent, before its token's signature is checked; otherwise its token is checked: 401 (charged to the
 * address's refusal budget) when it is not valid, 503 when the realm's keys cannot be had. A request
 * without a token goes on as anonymous.
 */
public final class Authenticate implements Processor {

    private final BearerAuthentication authentication;
    private final RateLimiter limiter;
    private final Refusals refusals;

    public Authenticate(BearerAuthentication authentication, RateLimiter limiter, Refusals refusals) {
        this.authentication = authentication;
        this.limiter = limiter;
        this.refusals = refusals;
    }

    @Override
    public void process(Exchange exchange) {
        String authorization = GatewayRequest.request(exchange).getHeader("Authorization");
        CurrentUser known = authentication.knownCaller(authorization);
        if (known != null) {
            authenticated(exchange, known);
            return;
        }
        ApiOperation operation = exchange.getProperty(GatewayRequest.OPERATION, ApiOperation.class);
        RateLimitDecision left = limiter.refusalsLeft(
                RateLimiter.account(Optional.empty(), GatewayRequest.remoteAddress(exchange)));
        if (!left.allowed()) {
            refusals.limited(exchange, operation, left);
            return;
        }
        try {
            authentication.caller(authorization).ifPresent(caller -> authenticated(exchange, caller));
        } catch (AuthenticationFailure failure) {
            if (failure.failure() == BearerAuthentication.Failure.UNAVAILABLE) {
                // The token was not judged, so the address is not charged a refusal.
                refusals.answer(exchange, SecurityProblems.keysUnavailable());
            } else {
                refusals.refuse(exchange, operation,
                        new UnauthorizedException(failure.getMessage(), BearerAuthentication.challenge(failure)));
            }
        }
    }

    /** The caller, for the next steps and the service's answer, and their client for the access log. */
    private static void authenticated(Exchange exchange, CurrentUser caller) {
        exchange.setProperty(CurrentUser.EXCHANGE_PROPERTY, caller);
        GatewayRequest.routingContext(exchange).put(GatewayRequest.CLIENT, caller.clientId());
    }
}
