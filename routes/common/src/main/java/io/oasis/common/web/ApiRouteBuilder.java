package io.oasis.common.web;

import io.oasis.common.contract.ApiDocument;
import io.oasis.common.contract.ApiOperation;
import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.ProblemJsonRouteConfiguration;
import io.oasis.common.security.CurrentUser;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of a REST API: the REST DSL declares the operations, and each operation is one route,
 * {@code direct:<routeId>}, that hands the exchange to a method of the API's endpoint bean and writes
 * the {@link ApiResponse} it returns; any exception becomes problem+json through the shared route
 * configuration. An operation of the public API is the document's operation of the same id
 * ({@link ApiDocument}): its route lets through only the roles the document gives it (403 for the
 * rest), before the endpoint checks whose data it is.
 */
public abstract class ApiRouteBuilder extends RouteBuilder {

    private final Class<?> endpoints;

    /** @param endpoints the bean whose methods answer this API's operations */
    protected ApiRouteBuilder(Class<?> endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * The route {@code direct:<routeId>} (id {@code routeId}) of the public API's operation {@code routeId},
     * answered by {@code endpoints.method(Exchange)} for callers with one of the operation's roles.
     *
     * @throws IllegalStateException if the API's document has no operation {@code routeId}
     */
    protected void operation(String routeId, String method) {
        ApiOperation operation = ApiDocument.load().operation(routeId).orElseThrow(() -> new IllegalStateException(
                "Route " + routeId + " has no operation of that id in " + ApiDocument.LOCATION
                        + "; an operation only other services call goes under /internal, as an internalOperation"));
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .process(exchange -> requireRole(operation, exchange))
                .bean(endpoints, method)
                .process(ApiResponse.WRITE);
    }

    /** 403 unless the operation is public or the caller has one of its roles. */
    private static void requireRole(ApiOperation operation, Exchange exchange) {
        if (!CurrentUser.find(exchange).map(caller -> operation.allows(caller::hasRole)).orElse(operation.open())) {
            throw new ForbiddenException(operation.refusal());
        }
    }

    /**
     * The route of an operation under {@code /internal} that only other services call: not in the public
     * API (the gateway has no route to it), so its endpoint checks the caller's role itself.
     */
    protected void internalOperation(String routeId, String method) {
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .bean(endpoints, method)
                .process(ApiResponse.WRITE);
    }
}
