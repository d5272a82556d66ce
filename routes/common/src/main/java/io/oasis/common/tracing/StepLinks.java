package io.oasis.common.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Micrometer's receiver handler for the steps of {@link TraceParents}, which also gives each step's span the links
 * its context names. Here because an OpenTelemetry span takes links only while it is built, and Micrometer's
 * handlers build spans from an observation's context without them; it handles the steps' contexts only, ahead of
 * Spring Boot's own receiver handler, which handles every other.
 */
public class StepLinks extends PropagatingReceiverTracingObservationHandler<StepLinks.StepContext> {

    public StepLinks(Tracer tracer, Propagator propagator) {
        super(tracer, propagator);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof StepContext;
    }

    @Override
    public Span.Builder customizeExtractedSpan(StepContext context, Span.Builder builder) {
        context.links.forEach(builder::addLink);
        return builder;
    }

    /** The observation context of a step: a message received, with the spans its span links to. */
    public static final class StepContext extends ReceiverContext<Map<String, String>> {

        private final List<Link> links = new ArrayList<>(2);

        StepContext(Kind kind) {
            super(Map::get, kind);
        }

        void link(TraceContext span, String relation) {
            links.add(new Link(span, Map.of(TraceParents.LINK_RELATION, relation)));
        }
    }
}
