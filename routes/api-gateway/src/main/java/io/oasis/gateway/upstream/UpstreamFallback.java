package io.oasis.gateway.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.oasis.common.error.BadGatewayException;
import io.oasis.common.error.GatewayTimeoutException;
import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemWriter;
import io.oasis.common.error.ServiceUnavailableException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer when a service could not be reached: 503 with Retry-After while its breaker is open (of its
 * several instances, that of the last one tried) or while it has as many calls in progress as it may, 504
 * when it did not answer in time, 502 when no instance took the connection.
 */
public final class UpstreamFallback implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFallback.class);

    private final String service;
    private final CircuitBreaker breaker;
    private final long retryAfterSeconds;
    private final ProblemWriter problems;

    public UpstreamFallback(String service, CircuitBreaker breaker, long retryAfterSeconds, ProblemWriter problems) {
        this.service = service;
        this.breaker = breaker;
        this.retryAfterSeconds = retryAfterSeconds;
        this.problems = problems;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CircuitBreaker.State state = breaker.getState();
        ProblemException answer;
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                || causedBy(failure, CallNotPermittedException.class)) {
            answer = new ServiceUnavailableException("Service unavailable", "The " + service
                    + " service is failing; calls to it are paused. Retry later.", retryAfterSeconds);
        } else if (failure == null) {
            // No call was made, and the breaker is not open: the service's bulkhead was full (or, half-open,
            // the breaker's trial calls were all taken). Camel hands the fallback no exception for either.
            answer = new ServiceUnavailableException("Service busy", "The " + service
                    + " service has as many calls in progress as the gateway lets through. Retry shortly.", 1);
        } else if (causedBy(failure, SocketTimeoutException.class)) {
            answer = new GatewayTimeoutException("The " + service + " service did not answer in time.");
        } else {
            answer = new BadGatewayException("The " + service + " service could not be reached.");
        }
        LOG.warn("Call to {} for {} answered {} (breaker {}): {}", service,
                exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class), answer.status(), state,
                failure == null ? "not called" : failure.toString());
        problems.write(exchange, answer);
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
