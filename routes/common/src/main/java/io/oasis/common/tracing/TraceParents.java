package io.oasis.common.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The trace of work that outlives the thread it started on: an outbox row published later, a process
 * instance whose steps run in Camunda's job executor, a notification the dispatcher sends. The work keeps
 * the W3C {@code traceparent} of the moment it was recorded ({@link #current()}); whoever resumes it opens
 * a {@link #resume step} with that context as parent, so the step joins the same trace. A step is an
 * observation, so Camel's route spans and Spring's client spans made inside it are its children. With
 * tracing off (Micrometer's no-op tracer) {@link #current()} is null and a step is one comparison.
 */
public class TraceParents {

    /** The W3C trace context header, also the CloudEvents distributed-tracing extension's name. */
    public static final String TRACEPARENT = "traceparent";
    /** The observation (and metric) name of every step; the span is named after the step. */
    public static final String OBSERVATION = "oasis.step";
    /** Span tag: the trace that resumed the step, when it is not the step's own (a callback's request, say). */
    public static final String RESUMED_BY = "oasis.resumed.by.trace";

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
        if (tracer == Tracer.NOOP) {
            return Step.NONE;
        }
        Span current = tracer.currentSpan();
        boolean resumedElsewhere = traceparent != null && current != null && !current.isNoop()
                && !traceparent.contains(current.context().traceId());
        // Without a recorded context the current span is the parent (a new trace if there is none).
        String parent = traceparent != null ? traceparent : current();
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get, kind);
        context.setCarrier(parent == null ? Map.of() : Map.of(TRACEPARENT, parent));
        Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, registry)
                .contextualName(name);
        tags.forEach(observation::highCardinalityKeyValue);
        if (resumedElsewhere) {
            observation.highCardinalityKeyValue(RESUMED_BY, current.context().traceId());
        }
        observation.start();
        return new Step(observation, observation.openScope());
    }

    /** A step opened by {@link #resume}; closing it ends its span and restores what was current before. */
    public static final class Step implements AutoCloseable {

        static final Step NONE = new Step(null, null);

        private final Observation observation;
        private final Observation.Scope scope;

        private Step(Observation observation, Observation.Scope scope) {
            this.observation = observation;
            this.scope = scope;
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
