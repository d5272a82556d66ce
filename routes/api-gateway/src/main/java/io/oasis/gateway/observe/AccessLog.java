package io.oasis.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oasis.gateway.contract.ApiOperation;
import io.oasis.gateway.server.FrontDoor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line (JSON fields: method, path template, status, duration, client, correlation id;
 * never a token) and one sample of {@code oasis.gateway.requests} per request, including those
 * refused before any operation (404, 405, 413).
 */
public class AccessLog {

    /** Routing-context key: the {@link ApiOperation} the gateway matched. */
    public static final String OPERATION = "oasis.operation";
    /** Routing-context key: the client id of the caller's token. */
    public static final String CLIENT = "oasis.client";

    private static final Logger ACCESS = LoggerFactory.getLogger("oasis.gateway.access");

    private final MeterRegistry meters;
    // One Timer per operation, method and status, looked up by a plain key instead of building and
    // registering a meter id per request (few combinations: the documented operations' statuses).
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public AccessLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Called when the answer to the request has gone (or its connection has). */
    public void record(RoutingContext context, long startedNanos) {
        long nanos = System.nanoTime() - startedNanos;
        HttpServerRequest request = context.request();
        ApiOperation operation = context.get(OPERATION);
        String template = operation != null ? operation.path() : "unmatched";
        int status = context.response().getStatusCode();
        String operationId = operation != null ? operation.id() : "none";
        String method = request.method().name();
        timers.computeIfAbsent(operationId + ' ' + method + ' ' + status, key -> Timer.builder("oasis.gateway.requests")
                        .description("Requests through the gateway, by operation, method and status")
                        .tag("operation", operationId)
                        .tag("method", method)
                        .tag("status", String.valueOf(status))
                        .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("method", method);
        line.put("path", template);
        line.put("status", status);
        line.put("durationMs", TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0);
        line.put("client", context.get(CLIENT));
        line.put("remote", request.remoteAddress() != null ? request.remoteAddress().host() : null);
        line.put("correlationId", context.get(FrontDoor.CORRELATION_ID));
        ACCESS.info("{} {} {}", method, template, status, StructuredArguments.entries(line));
    }
}
