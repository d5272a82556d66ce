package io.oasis.gateway.security;

import io.oasis.common.contract.ApiOperation;
import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.UnauthorizedException;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.config.GatewayRequest;
import io.oasis.gateway.limit.Refusals;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Step 2 of a request's path: the operation's roles ({@code x-oasis-roles} in the API document). A caller
 * without one of them gets 403, charged to their own refusal budget; a request without a token gets 401
 * unless the operation is open, charged to its address's.
 */
public final class Authorize implements Processor {

    private final Refusals refusals;

    public Authorize(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public void process(Exchange exchange) {
        ApiOperation operation = exchange.getProperty(GatewayRequest.OPERATION, ApiOperation.class);
        Optional<CurrentUser> caller = CurrentUser.find(exchange);
        if (caller.isEmpty() && !operation.open()) {
            refusals.refuse(exchange, operation,
                    new UnauthorizedException("A bearer token is required", BearerAuthentication.challenge(null)));
        } else if (caller.isPresent() && !operation.allows(caller.get()::hasRole)) {
            refusals.refuse(exchange, operation, new ForbiddenException(operation.refusal()));
        }
    }
}
