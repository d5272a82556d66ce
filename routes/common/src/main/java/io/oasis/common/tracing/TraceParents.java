package io.oasis.common.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * The trace of work that outlives the thread it started on: an outbox row published later, a process
 * instance whose steps run in Camunda's job executor, a notification the dispatcher sends. The work keeps
 * the W3C {@code traceparent} of the moment it was recorded ({@link #current()}); whoever resumes it opens
 * a {@link #resume step} with that context as parent, so the step joins the same trace. A step is an
 * observation, so Camel's route spans and Spring's client spans made inside it are its children. A step that
 * runs later than the work that scheduled it (a job after an async continuation or a timer, a process resumed
 * by a message) stays in the recorded trace and carries OpenTelemetry span links to the span that scheduled it
 * and to the span of another trace that resumed it. With tracing off (Micrometer's no-op tracer)
 * {@link #current()} is null and a step is one comparison.
 */
public class TraceParents {

    /** The W3C trace context header, also the CloudEvents distributed-tracing extension's name. */
    public static final String TRACEPARENT = "traceparent";
    /** The observation (and metric) name of every step; the span is named after the step. */
    public static final String OBSERVATION = "oasis.step";
    /**
     * Span tag: the trace that resumed the step, when it is not the step's own (a callback's request, say). Also a
     * span link; the tag is for backends that drop links (Zipkin's format has none).
     */
    public static final String RESUMED_BY = "oasis.resumed.by.trace";
    /** Attribute of a step's span links: why the linked span is related ({@value #SCHEDULED} or {@value #RESUMED}). */
    public static final String LINK_RELATION = "oasis.link";
    /** Link relation: the span in which the step was scheduled (its job, timer or wait state was created). */
    public static final String SCHEDULED = "scheduled-by";
    /** Link relation: the span of another trace that resumed the step (a callback's request, an event's handler). */
    public static final String RESUMED = "resumed-by";

    private final Tracer tracer;
    private final Propagator propagator;
    private final ObservationRegistry registry;

    public TraceParents(Tracer tracer, Propagator propagator, ObservationRegistry registry) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.registry = registry;
    }

    /**
     * The {@code traceparent} of the span current on this thread, else of the Camel route running on it, or null
     * (none, or tracing off).
     */
    public String current() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return tracer == Tracer.NOOP ? null : RouteSpans.current();
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * The {@code traceparent} of the OpenTelemetry span current on this thread, or null: for records that note
     * the span they were written in (a delivery attempt) without a tracer at hand.
     */
    public static String ofCurrentSpan() {
        SpanContext span = io.opentelemetry.api.trace.Span.current().getSpanContext();
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex()
                : null;
    }

    /** The trace id a W3C traceparent names, or null. */
    public static String traceId(String traceparent) {
        SpanContext span = spanContext(traceparent);
        return span == null ? null : span.getTraceId();
    }

    /** The span id a W3C traceparent names, or null. */
    public static String spanId(String traceparent) {
        SpanContext span = spanContext(traceparent);
        return span == null ? null : span.getSpanId();
    }

    /**
     * Opens span {@code name} as a child of {@code traceparent} (recorded when the work was accepted) and makes
     * it current until the step is closed. When a span of another trace is current (a callback's request that
     * resumes a waiting process, say), the step names that trace ({@value #RESUMED_BY}). Without a recorded
     * context the span is a child of the current one, as any other span.
     *
     * @param traceparent a W3C traceparent, or null
     * @param kind        {@link Kind#PRODUCER} for a step that sends something on, {@link Kind#CONSUMER} otherwise
     * @param tags        facts about the step, as span tags
     */
    public Step resume(String traceparent, String name, Kind kind, Map<String, String> tags) {
        return resume(traceparent, null, name, kind, tags);
    }

    /**
     * As {@link #resume(String, String, Kind, Map)}, for a step that was scheduled earlier: its span links to
     * {@code scheduledBy} ({@value #SCHEDULED}), and to the current span when that belongs to another trace
     * ({@value #RESUMED}).
     *
     * @param scheduledBy the W3C traceparent of the span in which the step was scheduled, or null
     */
    public Step resume(String traceparent, String scheduledBy, String name, Kind kind, Map<String, String> tags) {
        if (tracer == Tracer.NOOP) {
            return Step.NONE;
        }
        Span current = tracer.currentSpan();
        boolean resumedElsewhere = traceparent != null && current != null && !current.isNoop()
                && !traceparent.contains(current.context().traceId());
        // Without a recorded context the current span is the parent (a new trace if there is none).
        String parent = traceparent != null ? traceparent : current();
        StepLinks.StepContext context = new StepLinks.StepContext(kind);
        context.setCarrier(parent == null ? Map.of() : Map.of(TRACEPARENT, parent));
        SpanContext scheduler = spanContext(scheduledBy);
        if (scheduler != null) {
            context.link(tracer.traceContextBuilder().traceId(scheduler.getTraceId()).spanId(scheduler.getSpanId())
                    .sampled(scheduler.isSampled()).build(), SCHEDULED);
        }
        if (resumedElsewhere) {
            context.link(current.context(), RESUMED);
        }
        Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, registry)
                .contextualName(name);
        tags.forEach(observation::highCardinalityKeyValue);
        if (resumedElsewhere) {
            observation.highCardinalityKeyValue(RESUMED_BY, current.context().traceId());
        }
        observation.start();
        Observation.Scope scope = observation.openScope();
        // The step's own span as the tracing handler started it (the current one is only its context).
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        return new Step(observation, scope, span == null || span.isNoop() ? null : traceparent(span));
    }

    private String traceparent(Span span) {
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The span a W3C traceparent names, or null when there is none or it is malformed. */
    static SpanContext spanContext(String traceparent) {
        if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return null;
        }
        SpanContext context = SpanContext.createFromRemoteParent(traceparent.substring(3, 35),
                traceparent.substring(36, 52), TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
        return context.isValid() ? context : null;
    }

    /** A step opened by {@link #resume}; closing it ends its span and restores what was current before. */
    public static final class Step implements AutoCloseable {

        static final Step NONE = new Step(null, null, null);

        private final Observation observation;
        private final Observation.Scope scope;
        private final String traceparent;

        private Step(Observation observation, Observation.Scope scope, String traceparent) {
            this.observation = observation;
            this.scope = scope;
            this.traceparent = traceparent;
        }

        /** The W3C traceparent of the step's own span (null with tracing off), for work it schedules to link to. */
        public String traceparent() {
            return traceparent;
        }

        /** Marks the step as failed. */
        public void error(Throwable failure) {
            if (observation != null) {
                observation.error(failure);
            }
        }

        @Override
        public void close() {
            if (observation != null) {
                scope.close();
                observation.stop();
            }
        }
    }
}
