package io.oasis.common.http;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/**
 * How one service calls another: {@code direct:<caller>-call-<service>} ({@link #endpoint}) sends the message
 * (method, {@link org.apache.camel.Exchange#HTTP_PATH HTTP_PATH}, {@code HTTP_QUERY}, headers, body) to an
 * instance of the service, whose base URLs {@code oasis.services.<service>-url} lists (comma-separated), through
 * {@link ServiceInstances}: a circuit breaker per instance, and the next instance tried when one cannot be
 * reached, or, for a request that is safe to repeat, does not answer in time or answers 5xx. The answer is the
 * instance's ({@code CamelHttpResponseCode} and body; the last 5xx if every instance failed so); the exchange
 * fails when none answered. Each attempt waits at most {@code timeout} to connect and again to be answered.
 */
public class ServiceClient extends RouteBuilder {

    /** Half of an instance's last 10 calls failed: it gets none for 10 s, then a few trial calls. */
    static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .failureRateThreshold(50)
            .slidingWindowSize(10)
            .minimumNumberOfCalls(10)
            .waitDurationInOpenState(Duration.ofSeconds(10))
            .permittedNumberOfCallsInHalfOpenState(3)
            .build();

    private final String caller;
    private final String service;
    private final String baseUrls;
    private final Duration timeout;

    /**
     * @param caller   the calling service's name, the first part of the route ids
     * @param service  the called service's name
     * @param baseUrls its instances' base URLs, comma-separated
     */
    public ServiceClient(String caller, String service, String baseUrls, Duration timeout) {
        this.caller = caller;
        this.service = service;
        this.baseUrls = baseUrls;
        this.timeout = timeout;
    }

    /** Where {@code caller}'s routes send their requests to {@code service}. */
    public static String endpoint(String caller, String service) {
        return "direct:" + routeId(caller, service);
    }

    private static String routeId(String caller, String service) {
        return caller + "-call-" + service;
    }

    @Override
    public void configure() {
        long millis = timeout.toMillis();
        String options = "httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName()
                + "&connectTimeout=" + millis + "&connectionRequestTimeout=" + millis + "&responseTimeout=" + millis;
        ServiceInstances.of(service, baseUrls, BREAKER)
                .routes(this, routeId(caller, service), options, ServiceInstances::safeMethod, true);
    }
}
