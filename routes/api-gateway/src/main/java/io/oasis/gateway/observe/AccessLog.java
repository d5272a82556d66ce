package io.oasis.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oasis.common.contract.ApiOperation;
import io.oasis.gateway.config.GatewayRequest;
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
 * refused before any operation (404, 405, 413). Refusals (401, 403, 429, and any 4xx of a request no
 * operation took) are logged as a rate instead (see {@link RefusalRate}); each is still sampled.
 */
public class AccessLog {

    /** The access log's logger. */
    public static final Logger ACCESS = LoggerFactory.getLogger("oasis.gateway.access");

    private final MeterRegistry meters;
    private final RefusalRate refusals;
    // One Timer per operation, method and status, looked up by a plain key instead of building and
    // registering a meter id per request (few combinations: the documented operations' statuses).
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public AccessLog(MeterRegistry meters, RefusalRate refusals) {
        this.meters = meters;
        this.refusals = refusals;
    }

    /** Called when the answer to the request has gone (or its connection has). */
    public void record(RoutingContext context, long startedNanos) {
        long nanos = System.nanoTime() - startedNanos;
        HttpServerRequest request = context.request();
        ApiOperation operation = context.get(GatewayRequest.OPERATION);
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

        String remote = request.remoteAddress() != null ? request.remoteAddress().host() : "unknown";
        if (isRefusal(status, operation) && !refusals.first(remote, status)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("method", method);
        line.put("path", template);
        line.put("status", status);
        line.put("durationMs", TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0);
        line.put("client", context.get(GatewayRequest.CLIENT));
        line.put("remote", remote);
        line.put("correlationId", context.get(GatewayRequest.CORRELATION_ID));
        ACCESS.info("{} {} {}", method, template, status, StructuredArguments.entries(line));
    }

    /** A 401, 403 or 429, or any 4xx answered before an operation took the request. */
    static boolean isRefusal(int status, ApiOperation operation) {
        return status == 401 || status == 403 || status == 429 || (operation == null && status >= 400 && status < 500);
    }
}
