package io.oasis.gateway;

import io.oasis.common.error.ProblemJsonRouteConfiguration;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.contract.Validate;
import io.oasis.gateway.limit.Limit;
import io.oasis.gateway.limit.Refusals;
import io.oasis.gateway.security.Authenticate;
import io.oasis.gateway.security.Authorize;
import io.oasis.gateway.upstream.ForwardedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.model.RouteDefinition;

/**
 * The path of every request of a documented operation, in one place: its operation (from the REST route
 * that received it) → {@link Authenticate} (401, 503) → {@link Authorize} (401, 403) → {@link Limit} (429)
 * → {@link Validate} (400, 415) → {@link ForwardedRequest} → the service; then {@link #answered}. A step
 * that refuses the request answers it (through {@link Refusals}) and ends its route.
 */
public final class RequestPath {

    private final ApiContract contract;
    private final Authenticate authenticate;
    private final Authorize authorize;
    private final Limit limit;
    private final Validate validate;
    private final Refusals refusals;

    public RequestPath(ApiContract contract, Authenticate authenticate, Authorize authorize, Limit limit,
            Validate validate, Refusals refusals) {
        this.contract = contract;
        this.authenticate = authenticate;
        this.authorize = authorize;
        this.limit = limit;
        this.validate = validate;
        this.refusals = refusals;
    }

    /** The steps up to the rate limit, for an operation the gateway answers itself. */
    public RouteDefinition admit(RouteDefinition route) {
        return route.routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .process(contract::identify)
                .process(authenticate)
                .process(authorize)
                .process(limit);
    }

    /** Every step, for an operation a service answers: the request is then ready to be sent to it. */
    public RouteDefinition forward(RouteDefinition route) {
        return admit(route)
                .process(validate)
                .process(ForwardedRequest::prepare);
    }

    /** After the answer: its RateLimit headers, and the service's own 401 and 403 charged as refusals. */
    public void answered(Exchange exchange) {
        refusals.answered(exchange);
    }
}
