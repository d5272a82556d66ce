package io.oasis.connector;

import java.time.Instant;

/**
 * Recent health of one connector since this service started: calls (every outcome), failures
 * (technical ones: business outcomes are not failures), the last failure, latency percentiles in
 * milliseconds and the circuit breaker's state.
 */
public record ConnectorHealth(long calls, long failures, Instant lastFailureAt, String lastFailure,
        Double p50Millis, Double p99Millis, String circuitBreaker) {
}
