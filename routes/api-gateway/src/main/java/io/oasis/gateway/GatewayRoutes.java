package io.oasis.gateway;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oasis.common.contract.ApiOperation;
import io.oasis.common.error.ProblemJsonRouteConfiguration;
import io.oasis.common.error.ProblemWriter;
import io.oasis.gateway.config.GatewayProperties;
import io.oasis.gateway.config.GatewayRequest;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.upstream.UpstreamConnections;
import io.oasis.gateway.upstream.UpstreamFallback;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.springframework.core.env.Environment;

/**
 * The public API, routed from the contract: one REST DSL operation per documented operation (route
 * id {@code gateway-<operationId>}), each to the route of the service that answers it
 * ({@code gateway-to-<service>}): the request's path ({@link RequestPath}), then the service's instance
 * ({@code oasis.services.<service>-url}), or several (comma-separated) round-robin with failover
 * ({@code gateway-call-<service>}), behind a circuit breaker and a bulkhead, with the timeouts and limits
 * of {@code oasis.gateway.upstream}.
 */
public class GatewayRoutes extends RouteBuilder {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    private static final String STARTED = "OasisGatewayUpstreamStarted";
    /** The {@link io.oasis.gateway.upstream.ProxyHeaderFilter} bean, for the calls to services. */
    private static final String HEADER_FILTER = "proxyHeaderFilter";
    /** The {@link io.oasis.gateway.upstream.CallerHeaderFilter} bean, for the public routes. */
    private static final String CALLER_HEADER_FILTER = "callerHeaderFilter";
    /** A {@link io.oasis.common.http.NoAutomaticRetries} of its own for each service's client. */
    private static final String RETRIES = "class:io.oasis.common.http.NoAutomaticRetries";

    private final ApiContract contract;
    private final GatewayProperties properties;
    private final RequestPath path;
    private final Environment environment;
    private final MeterRegistry meters;
    private final ProblemWriter problems;

    public GatewayRoutes(ApiContract contract, GatewayProperties properties, RequestPath path,
            Environment environment, MeterRegistry meters, ProblemWriter problems) {
        this.contract = contract;
        this.properties = properties;
        this.path = path;
        this.environment = environment;
        this.meters = meters;
        this.problems = problems;
    }

    @Override
    public void configure() {
        // No Map of a form's fields in place of the body: the bytes the caller sent are read from the
        // request itself (see GatewayRequest#body).
        restConfiguration().endpointProperty("populateBodyWithForm", "false")
                .endpointProperty("headerFilterStrategy", "#" + CALLER_HEADER_FILTER);
        // The server's router tries operations in the order they are added: a literal segment
        // (/notifications/devices) must come before a parameter in its place (/notifications/{id}).
        contract.operations().stream()
                .filter(ApiOperation::forwarded)
                .sorted(Comparator.comparing(operation -> operation.path().replaceAll("\\{[^}]+}", "\uffff")))
                .forEach(operation -> rest().verb(operation.method().toLowerCase(Locale.ROOT), operation.path())
                        .id(GatewayRequest.OPERATION_ROUTE + operation.id())
                        .to("direct:gateway-to-" + operation.service()));
        rest().get(GatewayRequest.OPENAPI_PATH).id("gateway-openapi").produces("application/json").to("direct:gateway-openapi");

        from("direct:gateway-openapi").routeId("gateway-openapi-document")
                .routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(constant(contract.json().getBytes(StandardCharsets.UTF_8)))
                .process(GatewayRequest::wholeAnswer);

        contract.services().forEach(this::upstream);
    }

    private void upstream(String service) {
        GatewayProperties.Upstream settings = properties.upstream(service);
        String property = "oasis.services." + service + "-url";
        String urls = environment.getProperty(property);
        if (urls == null || urls.isBlank()) {
            throw new IllegalStateException("The contract routes to the " + service + " service, but " + property
                    + " is not set");
        }
        // copyHeaders=false: the answer carries the service's response headers only, not the request's
        // (which would hand the caller's token back to it).
        UpstreamConnections connections = new UpstreamConnections(settings);
        try {
            getContext().addService(connections);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the connection pool to the " + service + " service", e);
        }
        String poolRef = "gatewayConnections-" + service;
        getContext().getRegistry().bind(poolRef, connections.pool());
        String options = "?bridgeEndpoint=true&throwExceptionOnFailure=false&copyHeaders=false"
                + "&headerFilterStrategy=#" + HEADER_FILTER
                + "&httpClientConfigurer=#" + RETRIES
                + "&clientConnectionManager=#" + poolRef
                + "&connectTimeout=" + settings.connectTimeout().toMillis()
                + "&connectionRequestTimeout=" + settings.connectTimeout().toMillis()
                + "&responseTimeout=" + settings.responseTimeout().toMillis();
        String[] instances = Arrays.stream(urls.split(","))
                .map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> url.replaceAll("/+$", "") + options)
                .toArray(String[]::new);

        CircuitBreaker breaker = CircuitBreaker.of("gateway-" + service, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumCalls())
                .slidingWindowSize(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                // A full bulkhead says the service is busy, not that it fails: its slow calls count when they time out.
                .ignoreExceptions(BulkheadFullException.class)
                .build());
        String breakerRef = "gatewayBreaker-" + service;
        getContext().getRegistry().bind(breakerRef, breaker);
        Gauge.builder("oasis.gateway.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        }).description("0 closed, 1 open, 2 half-open, 3 disabled").tag("service", service).register(meters);
        Timer upstreamTimer = Timer.builder("oasis.gateway.upstream")
                .description("Time the service took to answer").tag("service", service).register(meters);
        long retryAfter = Math.max(1, settings.openFor().toSeconds());

        // Admission, the call and the answer in one route per service (several instances in the next one):
        // every hop between routes costs each request a little CPU. A single instance is called directly.
        String call = instances.length == 1 ? instances[0] : "direct:gateway-call-" + service;
        path.forward(from("direct:gateway-to-" + service).routeId("gateway-to-" + service))
                .process(exchange -> exchange.setProperty(STARTED, System.nanoTime()))
                .circuitBreaker().resilience4jConfiguration().circuitBreaker(breakerRef)
                        .bulkheadEnabled(true).bulkheadMaxConcurrentCalls(settings.maxConcurrentCalls())
                        .bulkheadMaxWaitDuration(0).end()
                    .to(call)
                .onFallback()
                    .process(new UpstreamFallback(service, breaker, retryAfter, problems))
                .end()
                .process(exchange -> upstreamTimer.record(System.nanoTime() - exchange.getProperty(STARTED, Long.class),
                        java.util.concurrent.TimeUnit.NANOSECONDS))
                .process(GatewayRequest::wholeAnswer)
                .process(path::answered);

        if (instances.length == 1) {
            return;
        }
        // The method header is camel-http's HttpMethods enum (see ForwardedRequest), or a String: its name either way.
        // A request the service never received (refused connection) may go to the next instance;
        // one that may have arrived is tried again only if repeating it is safe.
        int failovers = instances.length - 1;
        from("direct:gateway-call-" + service).routeId("gateway-call-" + service)
                .choice()
                    .when(exchange -> IDEMPOTENT.contains(String.valueOf(exchange.getMessage().getHeader(Exchange.HTTP_METHOD))))
                        .loadBalance().failover(failovers, false, true, IOException.class).to(instances).endChoice()
                    .otherwise()
                        .loadBalance().failover(failovers, false, true, ConnectException.class).to(instances).end()
                .end();
    }
}
