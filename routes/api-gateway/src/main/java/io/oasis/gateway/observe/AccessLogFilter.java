package io.oasis.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.gateway.contract.ApiOperation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One access-log line (JSON fields: method, path template, status, duration, client, correlation id;
 * never a token) and one sample of {@code oasis.gateway.requests} per request, including those
 * refused before any route (401, 404, 413).
 */
public class AccessLogFilter extends OncePerRequestFilter {

    /** Request attribute: the {@link ApiOperation} the gateway matched. */
    public static final String OPERATION_ATTRIBUTE = AccessLogFilter.class.getName() + ".operation";
    /** Request attribute: the client id of the caller's token. */
    public static final String CLIENT_ATTRIBUTE = AccessLogFilter.class.getName() + ".client";

    private static final Logger ACCESS = LoggerFactory.getLogger("oasis.gateway.access");

    private final MeterRegistry meters;
    // One Timer per operation, method and status, looked up by a plain key instead of building and
    // registering a meter id per request (few combinations: the documented operations' statuses).
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public AccessLogFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long nanos = System.nanoTime() - start;
            ApiOperation operation = (ApiOperation) request.getAttribute(OPERATION_ATTRIBUTE);
            String template = operation != null ? operation.path() : "unmatched";
            String status = String.valueOf(response.getStatus());
            String operationId = operation != null ? operation.id() : "none";
            String method = request.getMethod();
            timers.computeIfAbsent(operationId + ' ' + method + ' ' + status, key -> Timer.builder("oasis.gateway.requests")
                            .description("Requests through the gateway, by operation, method and status")
                            .tag("operation", operationId)
                            .tag("method", method)
                            .tag("status", status)
                            .register(meters))
                    .record(nanos, TimeUnit.NANOSECONDS);

            Map<String, Object> line = new LinkedHashMap<>();
            line.put("method", request.getMethod());
            line.put("path", template);
            line.put("status", response.getStatus());
            line.put("durationMs", TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0);
            line.put("client", request.getAttribute(CLIENT_ATTRIBUTE));
            line.put("remote", request.getRemoteAddr());
            line.put("correlationId", response.getHeader(CorrelationId.HEADER));
            ACCESS.info("{} {} {}", request.getMethod(), template, response.getStatus(),
                    StructuredArguments.entries(line));
        }
    }
}
