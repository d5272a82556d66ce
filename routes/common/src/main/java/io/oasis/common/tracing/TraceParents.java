package io.oasis.common.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The trace of work that outlives the thread it started on: an outbox row published later, a process
 * instance whose steps run in Camunda's job executor, a notification the dispatcher sends. The work keeps
 * the W3C {@code traceparent} of the moment it was recorded ({@link #current()}); whoever resumes it opens
 * a {@link #resume step} with that context as parent, so the step joins the same trace. With tracing off
 * (Micrometer's no-op tracer) {@link #current()} is null and a step is one comparison.
 */
public class TraceParents {

    /** The W3C trace context header, also the CloudEvents distributed-tracing extension's name. */
    public static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} of the span current on this thread, or null (none, or tracing off). */
    public String current() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Opens span {@code name} as a child of {@code traceparent} (recorded when the work was accepted) and makes
     * it current until the step is closed. When a span of another trace is current (a callback's request that
     * resumes a waiting process, say), the new span links to it. Without a recorded context the span is a child
     * of the current one, as any other span.
     *
     * @param traceparent a W3C traceparent, or null
     * @param tags        low-cardinality facts about the step
     */
    public Step resume(String traceparent, String name, Span.Kind kind, Map<String, String> tags) {
        if (tracer == Tracer.NOOP) {
            return Step.NONE;
        }
        Span.Builder builder;
        if (traceparent == null) {
            builder = tracer.spanBuilder();
        } else {
            builder = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get);
            Span current = tracer.currentSpan();
            if (current != null && !current.isNoop() && !traceparent.contains(current.context().traceId())) {
                builder.addLink(new Link(current.context()));
            }
        }
        builder.name(name).kind(kind);
        tags.forEach(builder::tag);
        Span span = builder.start();
        return new Step(span, tracer.withSpan(span));
    }

    /** A span opened by {@link #resume}; closing it ends the span and restores what was current before. */
    public static final class Step implements AutoCloseable {

        static final Step NONE = new Step(null, null);

        private final Span span;
        private final Tracer.SpanInScope scope;

        private Step(Span span, Tracer.SpanInScope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Marks the step as failed. */
        public void error(Throwable failure) {
            if (span != null) {
                span.error(failure);
            }
        }

        @Override
        public void close() {
            if (span != null) {
                scope.close();
                span.end();
            }
        }
    }
}
