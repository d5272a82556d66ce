package io.oasis.connector;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.DefaultExchange;

/**
 * Calls a connector: the same for the order service's BPMN delegate and the connector test kit.
 * <ul>
 * <li>The task's properties become the Kamelet's parameters ({@code kamelet:<name>?...}); secrets and
 * per-environment properties are never passed here, Camel's Kamelet component reads them from
 * configuration ({@code camel.kamelet.<name>.<property>}) when it builds the route.</li>
 * <li>The process variables go in as exchange variables; the connector's declared outputs come back.</li>
 * <li>A declared 4xx answer (or the variable {@code bpmnErrorCode} set by the Kamelet) is a
 * {@link ConnectorOutcome.BusinessError}; a 5xx, an undeclared 4xx, no answer within the connector's
 * timeout or a connection failure throws {@link ConnectorCallException}.</li>
 * <li>One circuit breaker per connector: after repeated failures calls fail at once for a while instead
 * of hammering a system that is down.</li>
 * <li>Metrics per connector: {@code oasis.connector.calls} (a timer with a latency histogram, tagged
 * {@code connector} and {@code outcome}).</li>
 * </ul>
 */
public class ConnectorCalls {

    /** Exchange variables a Kamelet sets to end in a declared BPMN error. */
    public static final String BPMN_ERROR_CODE = "bpmnErrorCode";
    public static final String BPMN_ERROR_MESSAGE = "bpmnErrorMessage";
    public static final String METRIC = "oasis.connector.calls";
    private static final int MAX_ERROR_BODY = 300;

    private final ConnectorCatalog catalog;
    private final ProducerTemplate producer;
    private final MeterRegistry meters;
    private final Clock clock;
    private final CircuitBreakerRegistry breakers;
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();

    public ConnectorCalls(ConnectorCatalog catalog, MeterRegistry meters, Clock clock) {
        this(catalog, meters, clock, CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    public ConnectorCalls(ConnectorCatalog catalog, MeterRegistry meters, Clock clock, CircuitBreakerConfig breaker) {
        this.catalog = catalog;
        this.producer = catalog.camel().createProducerTemplate();
        this.meters = meters;
        this.clock = clock;
        this.breakers = CircuitBreakerRegistry.of(breaker);
    }

    /**
     * @param name       the connector
     * @param properties the task's settings (the connector's non-secret properties)
     * @param variables  the process variables it may read
     * @param timeout    overrides the connector's own timeout when not null
     */
    public ConnectorOutcome call(String name, Map<String, String> properties, Map<String, Object> variables,
            Duration timeout) {
        ConnectorDefinition connector = catalog.find(name).orElseThrow(() -> new ConnectorCallException(name,
                "no such connector is loaded (loaded: " + String.join(", ", catalog.names()) + ")", null));
        for (String property : properties.keySet()) {
            ConnectorProperty declared = connector.property(property).orElseThrow(() -> new ConnectorCallException(name,
                    "has no property '" + property + "'", null));
            if (declared.fromConfiguration()) {
                throw new ConnectorCallException(name, "property '" + property + "' is set in configuration ("
                        + connector.configurationKey(property) + "), never in a diagram", null);
            }
        }
        Duration limit = timeout != null ? timeout : connector.timeout();
        CircuitBreaker breaker = breakers.circuitBreaker(name);
        Stats health = stats(name);
        if (!breaker.tryAcquirePermission()) {
            record(name, "rejected", 0);
            health.failed(clock.instant(), "circuit breaker open: calls fail at once for a while after repeated failures");
            throw new ConnectorCallException(name, "circuit breaker open after repeated failures; calls are "
                    + "refused for a while", null);
        }
        Exchange exchange = new DefaultExchange(catalog.camel());
        variables.forEach((variable, value) -> {
            if (value != null) {
                exchange.setVariable(variable, value);
            }
        });
        Map<String, Object> body = new HashMap<>();
        variables.forEach((variable, value) -> {
            if (value != null) {
                body.put(variable, value);
            }
        });
        exchange.getMessage().setBody(body);

        long started = System.nanoTime();
        Exchange done;
        try {
            CompletableFuture<Exchange> call = producer.asyncSend(endpointUri(name, properties), exchange);
            try {
                done = call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                call.cancel(true);
                throw failure(connector, breaker, health, started, "timeout",
                        "no answer within " + limit.toMillis() + " ms", e);
            } catch (ExecutionException e) {
                throw failure(connector, breaker, health, started, "failure", describe(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(connector, breaker, health, started, "failure", "interrupted", e);
            }
        } catch (ConnectorCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(connector, breaker, health, started, "failure", describe(e), e);
        }
        long nanos = System.nanoTime() - started;

        Exception exception = done.getException();
        if (exception != null) {
            HttpOperationFailedException http = find(exception, HttpOperationFailedException.class);
            if (http != null) {
                ConnectorError declared = connector.errorForStatus(http.getStatusCode()).orElse(null);
                if (declared != null) {
                    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                    record(name, "business_error", nanos);
                    return new ConnectorOutcome.BusinessError(declared.code(), declared.description() + " (HTTP "
                            + http.getStatusCode() + errorBody(http.getResponseBody()) + ")");
                }
            }
            throw failure(connector, breaker, health, started, "failure", describe(exception), exception);
        }
        Object code = done.getVariable(BPMN_ERROR_CODE);
        if (code != null) {
            ConnectorError declared = connector.error(code.toString()).orElse(null);
            if (declared == null) {
                throw failure(connector, breaker, health, started, "failure", "raised BPMN error '" + code
                        + "', which its file does not declare in x-oasis.errors", null);
            }
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            record(name, "business_error", nanos);
            Object message = done.getVariable(BPMN_ERROR_MESSAGE);
            return new ConnectorOutcome.BusinessError(declared.code(),
                    message != null ? message.toString() : declared.description());
        }
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        record(name, "success", nanos);
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (ConnectorVariable output : connector.outputs()) {
            Object value = done.getVariable(output.name());
            if (value != null) {
                outputs.put(output.name(), typed(done, output, value));
            }
        }
        return new ConnectorOutcome.Completed(outputs);
    }

    public ConnectorOutcome call(String name, Map<String, String> properties, Map<String, Object> variables) {
        return call(name, properties, variables, null);
    }

    /** Calls, failures, the last failure, latency and breaker state of one connector. */
    public ConnectorHealth health(String name) {
        Stats health = stats(name);
        Double p50 = null;
        Double p99 = null;
        for (ValueAtPercentile value : health.latency.takeSnapshot().percentileValues()) {
            if (value.percentile() == 0.5) {
                p50 = value.value(TimeUnit.MILLISECONDS);
            } else if (value.percentile() == 0.99) {
                p99 = value.value(TimeUnit.MILLISECONDS);
            }
        }
        if (health.latency.count() == 0) {
            p50 = null;
            p99 = null;
        }
        return new ConnectorHealth(health.calls.get(), health.failures.get(), health.lastFailureAt,
                health.lastFailure, p50, p99, breakers.circuitBreaker(name).getState().name());
    }

    /**
     * {@code kamelet:<name>/connector.<name>.<hash>?<properties>}: one route per connector and set of task
     * properties, reused by every call with the same settings. Values are passed RAW so they arrive as written.
     */
    static String endpointUri(String name, Map<String, String> properties) {
        Map<String, String> sorted = new TreeMap<>(properties);
        // Failures go back to the caller as they are: no error handler of its own logging each one.
        StringBuilder query = new StringBuilder("?noErrorHandler=true");
        sorted.forEach((key, value) -> {
            query.append('&').append(key).append('=');
            query.append(value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")");
        });
        return "kamelet:" + name + "/" + ConnectorCatalog.ROUTE_ID_PREFIX + name + "." + hash(sorted.toString()) + query;
    }

    /**
     * An output as its declared type, so the process sees a boolean as a boolean. A decimal (money) stays its
     * exact decimal text, e.g. "25.00": Camunda 7 has no exact number type, and a double would round it.
     */
    private static Object typed(Exchange exchange, ConnectorVariable output, Object value) {
        if ("decimal".equals(output.type())) {
            return value == null ? null : new java.math.BigDecimal(value.toString().trim()).toPlainString();
        }
        Class<?> type = switch (output.type()) {
            case "boolean" -> Boolean.class;
            case "integer" -> Integer.class;
            case "number" -> Double.class;
            case "string" -> String.class;
            default -> null;
        };
        return type == null ? value : exchange.getContext().getTypeConverter().convertTo(type, exchange, value);
    }

    private ConnectorCallException failure(ConnectorDefinition connector, CircuitBreaker breaker, Stats health,
            long started, String outcome, String message, Throwable cause) {
        long nanos = System.nanoTime() - started;
        breaker.onError(nanos, TimeUnit.NANOSECONDS, cause != null ? cause : new IllegalStateException(message));
        record(connector.name(), outcome, nanos);
        health.failed(clock.instant(), message);
        return new ConnectorCallException(connector.name(), message, cause);
    }

    private void record(String name, String outcome, long nanos) {
        Timer.builder(METRIC).description("Connector calls and their latency, by connector and outcome")
                .tag("connector", name).tag("outcome", outcome).publishPercentileHistogram()
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
        Stats health = stats(name);
        health.calls.incrementAndGet();
        health.latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Stats stats(String name) {
        return stats.computeIfAbsent(name, connector -> new Stats(Timer.builder("oasis.connector.latency")
                .description("Latency of a connector's calls, every outcome")
                .tag("connector", connector).publishPercentiles(0.5, 0.99).register(meters)));
    }

    /** A one-line reason that never carries a request's headers (secrets travel there). */
    private static String describe(Throwable failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            String uri = http.getUri() == null ? "?" : http.getUri().replaceAll("\\?.*", "");
            return "HTTP " + http.getStatusCode() + " from " + uri + errorBody(http.getResponseBody());
        }
        return ConnectorCatalog.rootMessage(failure);
    }

    private static String errorBody(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return ": " + (flat.length() > MAX_ERROR_BODY ? flat.substring(0, MAX_ERROR_BODY) + "..." : flat);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Stats {
        final Timer latency;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile Instant lastFailureAt;
        volatile String lastFailure;

        Stats(Timer latency) {
            this.latency = latency;
        }

        void failed(Instant at, String message) {
            failures.incrementAndGet();
            lastFailureAt = at;
            lastFailure = message;
        }
    }
}
