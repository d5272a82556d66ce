package io.oasis.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.oasis.common.IntegrationTest;
import io.oasis.common.tracing.TraceParents;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An outbox row records the W3C traceparent of the span it was written in (the relay publishes it in that trace and
 * the timeline leads to it), and null when there is none. The tests' context runs without tracing, so the writer
 * here gets a tracer of the OpenTelemetry SDK.
 */
class OutboxTraceparentTest extends IntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void anEventWrittenInASpanCarriesItsTraceparent() {
        Span span = tracer.nextSpan().name("place order").start();
        UUID eventId;
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            eventId = write(traced());
        } finally {
            span.end();
        }

        assertThat(jdbc.queryForObject("SELECT traceparent FROM outbox_event WHERE event_id = ?", String.class, eventId))
                .isEqualTo("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");
    }

    @Test
    void anEventWrittenWithoutASpanHasNone() {
        UUID eventId = write(traced());

        assertThat(jdbc.queryForObject("SELECT traceparent FROM outbox_event WHERE event_id = ?", String.class, eventId))
                .isNull();
    }

    private OutboxWriter traced() {
        return new OutboxWriter(jdbc, json, new TraceParents(tracer,
                new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel),
                ObservationRegistry.create()));
    }

    private UUID write(OutboxWriter outbox) {
        return new TransactionTemplate(transactions).execute(status ->
                outbox.write("oasis.trace-test.events", UUID.randomUUID().toString(), "SampleTraced", Map.of("n", 1)));
    }
}
