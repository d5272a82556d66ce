package io.oasis.common.tracing;

import org.apache.camel.CamelContext;
import org.apache.camel.observation.MicrometerObservationTracer;
import org.apache.camel.spi.RoutePolicyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * {@link TraceParents} over whichever tracer is configured (the no-op one when tracing is off), and, when
 * tracing is on, Camel's route spans.
 */
@AutoConfiguration(after = { ObservationAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
        MicrometerTracingAutoConfiguration.class, NoopTracerAutoConfiguration.class },
        afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
public class TracingAutoConfiguration {

    @Bean
    public TraceParents oasisTraceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
            ObjectProvider<ObservationRegistry> registry) {
        return new TraceParents(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP),
                registry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /** The links of a resumed step's span ({@link StepLinks}), ahead of Spring Boot's receiver handler. */
    @Bean
    @ConditionalOnBean({ Tracer.class, Propagator.class })
    @Order(MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER - 1)
    public StepLinks oasisStepLinks(Tracer tracer, Propagator propagator) {
        return new StepLinks(tracer, propagator);
    }

    /**
     * JDBC spans (datasource-micrometer) only inside traced work: the statements of pollers that run on their
     * own (the outbox relay, the job executor's acquisition, housekeeping) would otherwise each start a trace.
     */
    @Bean
    public ObservationPredicate oasisJdbcSpansInsideWork() {
        return (name, context) -> !name.startsWith("jdbc.") || context.getParentObservation() != null;
    }

    /**
     * A span per route and endpoint (consumer spans continue the trace their message carries, producer spans
     * pass it on in its headers). Made here because camel-observation-starter 4.17 leaves its tracer out
     * whenever Spring Boot's actuator is on the classpath, as it is in every service.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MicrometerObservationTracer.class)
    @ConditionalOnProperty(name = "camel.observation.enabled", havingValue = "true")
    @ConditionalOnBean(CamelContext.class)
    static class CamelRouteSpans {

        // Camel starts and stops it with the context.
        @Bean(initMethod = "", destroyMethod = "")
        @ConditionalOnMissingBean
        MicrometerObservationTracer oasisCamelObservationTracer(CamelContext camelContext, Tracer tracer,
                ObservationRegistry observationRegistry,
                @Value("${camel.observation.exclude-patterns:}") String excludePatterns) {
            MicrometerObservationTracer camelTracer = new MicrometerObservationTracer();
            camelTracer.setTracer(tracer);
            camelTracer.setObservationRegistry(observationRegistry);
            if (!excludePatterns.isBlank()) {
                camelTracer.setExcludePatterns(excludePatterns);
            }
            camelTracer.init(camelContext);
            return camelTracer;
        }

        /** Picked up by Camel for every route: which exchange runs on which thread ({@link RouteSpans}). */
        @Bean
        RoutePolicyFactory oasisRouteSpans() {
            RouteSpans routeSpans = new RouteSpans();
            return (camelContext, routeId, route) -> routeSpans;
        }
    }
}
