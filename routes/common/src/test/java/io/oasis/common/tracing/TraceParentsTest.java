package io.oasis.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/** Work resumed later joins the trace it recorded, on the real OpenTelemetry SDK. */
class TraceParentsTest {

    private static final AttributeKey<String> LINK = AttributeKey.stringKey(TraceParents.LINK_RELATION);

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
    private final Propagator propagator = new OtelPropagator(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final TraceParents traceParents = new TraceParents(tracer, propagator, registry);

    TraceParentsTest() {
        // As Spring Boot sets it up (with the steps' own handler first): propagating handlers, then the default one.
        registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new StepLinks(tracer, propagator),
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aResumedStepIsAChildOfTheRecordedContextAndNamesTheTraceThatResumedIt() {
        String recorded;
        Span request = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            recorded = traceParents.current();
        } finally {
            request.end();
        }
        assertThat(recorded).isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");

        Span callback = tracer.nextSpan().name("callback").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(callback);
                TraceParents.Step step = traceParents.resume(recorded, "bpmn Task_RecordPayment", Kind.CONSUMER,
                        Map.of("oasis.order.id", "o-1"))) {
            assertThat(traceParents.current()).contains(request.context().traceId());
            assertThat(TraceParents.ofCurrentSpan()).isEqualTo(traceParents.current()).isEqualTo(step.traceparent());
            // What runs inside (a Camel route's span) is the step's child.
            Observation.createNotStarted("camel", registry).observe(() -> { });
        } finally {
            callback.end();
        }

        SpanData step = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("bpmn Task_RecordPayment")).findFirst().orElseThrow();
        assertThat(step.getTraceId()).isEqualTo(request.context().traceId());
        assertThat(step.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(step.getAttributes().asMap().toString()).contains("o-1")
                .contains(TraceParents.RESUMED_BY + "=" + callback.context().traceId());
        assertThat(step.getLinks()).as("linked to the callback's span, in its own trace").singleElement()
                .satisfies(link -> {
                    assertThat(link.getSpanContext().getTraceId()).isEqualTo(callback.context().traceId());
                    assertThat(link.getSpanContext().getSpanId()).isEqualTo(callback.context().spanId());
                    assertThat(link.getAttributes().get(LINK)).isEqualTo(TraceParents.RESUMED);
                });
        SpanData inside = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("camel")).findFirst().orElseThrow();
        assertThat(inside.getParentSpanId()).isEqualTo(step.getSpanId());
        assertThat(tracer.currentSpan()).as("nothing left current").isNull();
    }

    @Test
    void aStepRunLaterStaysInTheRecordedTraceAndLinksToTheSpanThatScheduledIt() {
        Span request = tracer.nextSpan().name("request").start();
        String recorded;
        String scheduledBy;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            recorded = traceParents.current();
            try (TraceParents.Step previous = traceParents.resume(recorded, "bpmn Task_ValidateOrder", Kind.CONSUMER,
                    Map.of())) {
                scheduledBy = previous.traceparent();
            }
        } finally {
            request.end();
        }

        // Later, on a job executor's thread with no span of its own.
        try (TraceParents.Step step = traceParents.resume(recorded, scheduledBy, "bpmn Task_ReserveInventory",
                Kind.CONSUMER, Map.of())) {
            assertThat(step.traceparent()).contains(request.context().traceId());
        }

        SpanData previous = finished("bpmn Task_ValidateOrder");
        SpanData step = finished("bpmn Task_ReserveInventory");
        assertThat(step.getTraceId()).isEqualTo(request.context().traceId());
        assertThat(step.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(step.getLinks()).extracting(LinkData::getSpanContext)
                .singleElement().satisfies(link -> {
                    assertThat(link.getTraceId()).isEqualTo(request.context().traceId());
                    assertThat(link.getSpanId()).isEqualTo(previous.getSpanId());
                });
        assertThat(step.getLinks().get(0).getAttributes().get(LINK))
                .isEqualTo(TraceParents.SCHEDULED);
    }

    @Test
    void aTraceparentNamesItsTraceAndSpan() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        assertThat(TraceParents.traceId(traceparent)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(TraceParents.spanId(traceparent)).isEqualTo("b7ad6b7169203331");
        assertThat(TraceParents.traceId(null)).isNull();
        assertThat(TraceParents.spanId("not a traceparent")).isNull();
        assertThat(TraceParents.ofCurrentSpan()).as("no span current").isNull();
    }

    private SpanData finished(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void withoutARecordedContextTheStepIsAChildOfTheCurrentSpan() {
        Span current = tracer.nextSpan().name("poll").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(current);
                TraceParents.Step step = traceParents.resume(null, "publish OrderPlaced", Kind.PRODUCER, Map.of())) {
            assertThat(traceParents.current()).contains(current.context().traceId());
        } finally {
            current.end();
        }
        SpanData publish = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("publish OrderPlaced")).findFirst().orElseThrow();
        assertThat(publish.getParentSpanId()).isEqualTo(current.context().spanId());
        assertThat(publish.getAttributes().asMap().toString()).doesNotContain(TraceParents.RESUMED_BY);
    }

    @Test
    void withTracingOffNothingIsRecordedAndAStepIsANoOp() {
        TraceParents off = new TraceParents(Tracer.NOOP, Propagator.NOOP, ObservationRegistry.NOOP);

        assertThat(off.current()).isNull();
        try (TraceParents.Step step = off.resume("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "step",
                Kind.CONSUMER, Map.of())) {
            step.error(new IllegalStateException("ignored"));
        }
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }
}
