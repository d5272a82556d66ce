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
import io.oasis.common.http.ServiceInstances;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.gateway.config.GatewayProperties;
import io.oasis.gateway.config.GatewayRequest;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.upstream.UpstreamConnections;
import io.oasis.gateway.upstream.UpstreamFallback;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.core.env.Environment;

/**
 * The public API, routed from the contract: one REST DSL operation per documented operation (route
 * id {@code gateway-<operationId>}), each to the route of the service that answers it
 * ({@code gateway-to-<service>}): the request's path ({@link RequestPath}), then the service's instance
 * ({@code oasis.services.<service>-url}), or several (comma-separated) round-robin with failover
 * ({@code gateway-call-<service>}, see {@link ServiceInstances}), each instance behind a circuit breaker of its
 * own and the service behind a bulkhead, with the timeouts and limits of {@code oasis.gateway.upstream}.
 */
public class GatewayRoutes extends RouteBuilder {

    private static final String STARTED = "OasisGatewayUpstreamStarted";
    /** Calls an instance's breaker lets through once it has been open for open-for, to see whether it is back. */
    private static final int TRIAL_CALLS = 3;
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
    /** The operations that honour an {@code Idempotency-Key}, by id. */
    private final Set<String> keyed;

    public GatewayRoutes(ApiContract contract, GatewayProperties properties, RequestPath path,
            Environment environment, MeterRegistry meters, ProblemWriter problems) {
        this.contract = contract;
        this.properties = properties;
        this.path = path;
        this.environment = environment;
        this.meters = meters;
        this.problems = problems;
        this.keyed = contract.operations().stream().filter(contract::honoursIdempotencyKey).map(ApiOperation::id)
                .collect(Collectors.toUnmodifiableSet());
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
        String options = "bridgeEndpoint=true&throwExceptionOnFailure=false&copyHeaders=false"
                + "&headerFilterStrategy=#" + HEADER_FILTER
                + "&httpClientConfigurer=#" + RETRIES
                + "&clientConnectionManager=#" + poolRef
                + "&connectTimeout=" + settings.connectTimeout().toMillis()
                + "&connectionRequestTimeout=" + settings.connectTimeout().toMillis()
                + "&responseTimeout=" + settings.responseTimeout().toMillis();

        // A breaker per instance: a dead instance's failures stop the calls to it, not to the others.
        ServiceInstances instances = ServiceInstances.of(service, urls, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumCalls())
                .slidingWindowSize(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                // Then a few trial calls: a still-dead instance costs few callers a wait.
                .permittedNumberOfCallsInHalfOpenState(TRIAL_CALLS)
                // A full bulkhead says the service is busy, not that it fails: its slow calls count when they time out.
                .ignoreExceptions(BulkheadFullException.class)
                .build());
        for (int i = 0; i < instances.breakers().size(); i++) {
            Gauge.builder("oasis.gateway.breaker.state", instances.breakers().get(i), b -> switch (b.getState()) {
                case CLOSED -> 0;
                case OPEN, FORCED_OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 3;
            }).description("0 closed, 1 open, 2 half-open, 3 disabled").tag("service", service)
                    .tag("instance", instances.baseUrls().get(i)).register(meters);
        }
        // Admission, the call and the answer in one route per service: every hop between routes costs each
        // request a little CPU. A single instance is called directly, behind its breaker; several through
        // gateway-call-<service>, each behind its own, and this route's breaker then only carries the
        // service's bulkhead (Camel's EIP has it): it never opens, as the service is up while one instance is.
        String call;
        CircuitBreaker breaker;
        if (instances.baseUrls().size() == 1) {
            breaker = instances.breakers().get(0);
            call = instances.baseUrls().get(0) + "?" + options;
        } else {
            breaker = CircuitBreaker.of("gateway-" + service,
                    CircuitBreakerConfig.custom().recordException(failure -> false).build());
            // A request the instance never received may go to the next one; one that may have arrived only
            // if repeating it is safe.
            call = instances.routes(this, "gateway-call-" + service, options, this::repeatable, false);
        }
        String breakerRef = "gatewayBreaker-" + service;
        getContext().getRegistry().bind(breakerRef, breaker);
        Timer upstreamTimer = Timer.builder("oasis.gateway.upstream")
                .description("Time the service took to answer").tag("service", service).register(meters);
        long retryAfter = Math.max(1, settings.openFor().toSeconds());

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
    }

    /**
     * Whether a request may go to another instance after one took it and did not answer: one that changes
     * nothing, or a write with an {@code Idempotency-Key} where its operation honours the key (its service
     * then answers a repeat with the first answer). PUT and DELETE are not repeated: with If-Match a repeat
     * of one that was done would be refused, and the caller told it failed.
     */
    private boolean repeatable(Exchange exchange) {
        if (ServiceInstances.safeMethod(exchange)) {
            return true;
        }
        ApiOperation operation = exchange.getProperty(GatewayRequest.OPERATION, ApiOperation.class);
        return operation != null && keyed.contains(operation.id())
                && exchange.getMessage().getHeader(IdempotencyKeys.HEADER) != null;
    }
}
