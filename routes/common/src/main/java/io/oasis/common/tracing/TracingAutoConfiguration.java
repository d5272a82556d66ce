package io.oasis.common.tracing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/** {@link TraceParents} over whichever tracer is configured (the no-op one when tracing is off). */
@AutoConfiguration(after = { OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
        NoopTracerAutoConfiguration.class })
public class TracingAutoConfiguration {

    @Bean
    public TraceParents oasisTraceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceParents(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
