package io.oasis.gateway.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.Problem;
import io.oasis.common.error.Problems;
import io.oasis.gateway.GatewayGate;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer when a service could not be reached: 503 with Retry-After while its breaker is open or
 * while it has as many calls in progress as it may, 504 when it did not answer in time, 502 when no
 * instance took the connection.
 */
public final class UpstreamFallback implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFallback.class);

    private final String service;
    private final CircuitBreaker breaker;
    private final long retryAfterSeconds;
    private final GatewayGate gate;

    public UpstreamFallback(String service, CircuitBreaker breaker, long retryAfterSeconds, GatewayGate gate) {
        this.service = service;
        this.breaker = breaker;
        this.retryAfterSeconds = retryAfterSeconds;
        this.gate = gate;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String instance = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String correlationId = exchange.getMessage().getHeader(CorrelationId.HEADER, String.class);
        CircuitBreaker.State state = breaker.getState();
        Problem problem;
        Map<String, String> headers = Map.of();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            problem = Problems.forStatus(503, "Service unavailable", "The " + service
                    + " service is failing; calls to it are paused. Retry later.", instance, correlationId);
            headers = Map.of("Retry-After", String.valueOf(retryAfterSeconds));
        } else if (failure == null) {
            // No call was made, and the breaker is not open: the service's bulkhead was full (or, half-open,
            // the breaker's trial calls were all taken). Camel hands the fallback no exception for either.
            problem = Problems.forStatus(503, "Service busy", "The " + service
                    + " service has as many calls in progress as the gateway lets through. Retry shortly.",
                    instance, correlationId);
            headers = Map.of("Retry-After", "1");
        } else if (causedBy(failure, SocketTimeoutException.class)) {
            problem = Problems.forStatus(504, "Gateway timeout", "The " + service + " service did not answer in time.",
                    instance, correlationId);
        } else {
            problem = Problems.forStatus(502, "Bad gateway", "The " + service + " service could not be reached.",
                    instance, correlationId);
        }
        LOG.warn("Call to {} for {} answered {} (breaker {}): {}", service, instance, problem.status(), state,
                failure == null ? "not called" : failure.toString());
        gate.writeProblem(exchange, problem, headers);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
