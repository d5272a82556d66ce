package io.oasis.common.correlation;

import org.slf4j.MDC;

/**
 * The trace and span id of the work running on this thread, recorded next to what that work writes
 * (status changes, outbox rows, delivery attempts) so a record leads to its trace. Read from the MDC,
 * where the tracing bridge puts the current span's ids ({@value #TRACE_ID_KEY}, {@value #SPAN_ID_KEY})
 * while a span is in scope: no compile-time tie to a tracer, and nulls when tracing is off or no span is open.
 */
public record TraceIds(String traceId, String spanId) {

    public static final String TRACE_ID_KEY = "traceId";
    public static final String SPAN_ID_KEY = "spanId";

    /** The ids of the current span, each null when there is none. */
    public static TraceIds current() {
        return new TraceIds(present(MDC.get(TRACE_ID_KEY)), present(MDC.get(SPAN_ID_KEY)));
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
