package io.oasis.order;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * The spans the services of the order tests finish, kept in memory: one exporter for the order service (a bean
 * of its test context, so Spring Boot's tracer exports to it) and one for the customer service beside it.
 */
public final class TraceSpans {

    public static final InMemorySpanExporter ORDER_SERVICE = InMemorySpanExporter.create();
    public static final InMemorySpanExporter CUSTOMER_SERVICE = InMemorySpanExporter.create();

    private TraceSpans() {
    }

    /** The finished spans of one trace in an exporter. */
    public static List<SpanData> ofTrace(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** Their names. */
    public static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }
}
