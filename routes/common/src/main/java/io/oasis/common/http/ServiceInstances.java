package io.oasis.common.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.util.ObjectHelper;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of a service that another one calls, from a setting that lists their base URLs
 * (comma-separated; a single URL, such as a Kubernetes Service or a load balancer, is one instance), and
 * the routes that call them: each instance behind a circuit breaker of its own (Camel's resilience4j EIP),
 * so a dead instance stops getting calls while the others serve them all, and Camel's failover load
 * balancer over them, round-robin. A call goes on to the next instance when it never reached the one it
 * tried (that instance's breaker was open, or no connection could be made), and, if it is safe to repeat,
 * when it got no answer (or a 5xx, for callers that count those as failures). A write that may have
 * arrived is never sent twice unless the caller says repeating it is safe.
 */
public final class ServiceInstances {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceInstances.class);

    /** Methods that change nothing: repeating them is always safe. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Failures of a call that never reached the instance: any request may go on to the next one. */
    private static final Class<?>[] NOT_SENT = {CallNotPermittedException.class, ConnectException.class,
            NoRouteToHostException.class, UnknownHostException.class, ConnectTimeoutException.class,
            ConnectionRequestTimeoutException.class};
    /** Failures after which a request that is safe to repeat goes on to the next instance. */
    private static final Class<?>[] ANY_FAILURE = {CallNotPermittedException.class, IOException.class,
            HttpOperationFailedException.class};

    private final String service;
    private final List<String> baseUrls;
    private final List<CircuitBreaker> breakers;

    private ServiceInstances(String service, List<String> baseUrls, CircuitBreakerConfig breaker) {
        this.service = service;
        this.baseUrls = baseUrls;
        this.breakers = baseUrls.stream().map(url -> {
            CircuitBreaker instance = CircuitBreaker.of(service + " " + url, breaker);
            instance.getEventPublisher().onStateTransition(event -> LOG.warn("Calls to the {} service's instance {}: "
                    + "circuit breaker {}", service, url, event.getStateTransition()));
            return instance;
        }).toList();
    }

    /**
     * The instances listed in {@code urls} (base URLs, comma-separated), each with a breaker of this configuration.
     *
     * @throws IllegalStateException if {@code urls} lists none
     */
    public static ServiceInstances of(String service, String urls, CircuitBreakerConfig breaker) {
        List<String> baseUrls = urls == null ? List.of() : Arrays.stream(urls.split(","))
                .map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> url.replaceAll("/+$", ""))
                .toList();
        if (baseUrls.isEmpty()) {
            throw new IllegalStateException("No base URL is set for the " + service + " service");
        }
        return new ServiceInstances(service, baseUrls, breaker);
    }

    public List<String> baseUrls() {
        return baseUrls;
    }

    /** The breaker of each instance, in the order of {@link #baseUrls()}. */
    public List<CircuitBreaker> breakers() {
        return breakers;
    }

    /**
     * Whether repeating the request on another instance is safe because its method changes nothing. A write
     * with an {@code Idempotency-Key} is safe too, but only where the operation honours the key: the caller knows.
     */
    public static boolean safeMethod(Exchange exchange) {
        // camel-http's HttpMethods enum or a String: its name either way.
        Object method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD);
        return method == null || SAFE_METHODS.contains(String.valueOf(method).toUpperCase(Locale.ROOT));
    }

    /**
     * Adds the routes that call these instances to {@code routes}: {@code <routeId>-<n>}, the call to the n-th
     * instance behind its breaker, and {@code <routeId>}, which tries them in turn.
     *
     * @param endpointOptions   camel-http options of every call ({@code name=value&...}, no leading {@code ?});
     *                          with {@code serverErrorsFail} they must not set {@code throwExceptionOnFailure}
     * @param repeatable        which requests may be sent again after an instance got them but did not answer
     * @param serverErrorsFail  a 5xx answer counts as the instance's failure, as no answer does; if every
     *                          instance fails so, the caller gets the last 5xx answer, as it would from one
     * @return the endpoint to send a request to: the message's method, {@link Exchange#HTTP_PATH},
     *         {@link Exchange#HTTP_QUERY}, headers and body
     */
    public String routes(RouteBuilder routes, String routeId, String endpointOptions, Predicate repeatable,
            boolean serverErrorsFail) {
        String options = serverErrorsFail
                ? "throwExceptionOnFailure=true&okStatusCodeRange=100-499" + (endpointOptions.isEmpty() ? "" : "&" + endpointOptions)
                : endpointOptions;
        String[] instances = new String[baseUrls.size()];
        for (int i = 0; i < instances.length; i++) {
            String instanceRoute = routeId + "-" + (i + 1);
            String breakerRef = instanceRoute + "-breaker";
            routes.getContext().getRegistry().bind(breakerRef, breakers.get(i));
            instances[i] = "direct:" + instanceRoute;
            // Open or half-open without a free trial call, the breaker refuses with CallNotPermittedException,
            // so the load balancer goes on to the next instance.
            routes.from(instances[i]).routeId(instanceRoute)
                    .circuitBreaker().resilience4jConfiguration()
                            .circuitBreaker(breakerRef).throwExceptionWhenHalfOpenOrOpenState(true).end()
                        .to(baseUrls.get(i) + (options.isEmpty() ? "" : "?" + options))
                    .end();
        }

        int failovers = instances.length - 1;
        String endpoint = "direct:" + routeId;
        RouteDefinition route = routes.from(endpoint).routeId(routeId);
        if (!serverErrorsFail) {
            failover(route.choice(), repeatable, failovers, instances);
            return endpoint;
        }
        TryDefinition attempt = route.doTry();
        failover(attempt.choice(), repeatable, failovers, instances);
        attempt.doCatch(HttpOperationFailedException.class).process(ServiceInstances::lastServerError).end();
        return endpoint;
    }

    private static void failover(ChoiceDefinition choice, Predicate repeatable, int failovers, String[] instances) {
        choice.when(repeatable)
                    .loadBalance().failover(failovers, false, true, ANY_FAILURE).to(instances).endChoice()
                .otherwise()
                    .loadBalance().failover(failovers, false, true, NOT_SENT).to(instances).end()
                .end();
    }

    /** Every instance answered 5xx: the caller gets the last answer, as a call to one instance would have. */
    private static void lastServerError(Exchange exchange) {
        HttpOperationFailedException failure = ObjectHelper.getException(HttpOperationFailedException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        Message message = exchange.getMessage();
        if (failure.getResponseHeaders() != null) {
            failure.getResponseHeaders().forEach(message::setHeader);
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, failure.getStatusCode());
        message.setHeader(Exchange.HTTP_RESPONSE_TEXT, failure.getStatusText());
        message.setBody(failure.getResponseBody());
    }

    @Override
    public String toString() {
        return service + " " + baseUrls;
    }
}
