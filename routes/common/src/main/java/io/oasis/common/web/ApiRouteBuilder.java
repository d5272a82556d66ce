package io.oasis.common.web;

import io.oasis.common.error.ProblemJsonRouteConfiguration;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of a REST API: the REST DSL declares the operations, and each operation is one route,
 * {@code direct:<routeId>}, that hands the exchange to a method of the API's endpoint bean and writes
 * the {@link ApiResponse} it returns; any exception becomes problem+json through the shared route
 * configuration.
 */
public abstract class ApiRouteBuilder extends RouteBuilder {

    private final Class<?> endpoints;

    /** @param endpoints the bean whose methods answer this API's operations */
    protected ApiRouteBuilder(Class<?> endpoints) {
        this.endpoints = endpoints;
    }

    /** The route {@code direct:<routeId>} (id {@code routeId}) answered by {@code endpoints.method(Exchange)}. */
    protected void operation(String routeId, String method) {
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .bean(endpoints, method)
                .process(ApiResponse.WRITE);
    }
}
