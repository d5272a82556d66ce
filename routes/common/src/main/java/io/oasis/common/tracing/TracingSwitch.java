package io.oasis.common.tracing;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Tracing is on exactly when its spans have somewhere to go: a Zipkin endpoint
 * ({@code management.zipkin.tracing.endpoint}, the launcher's Zipkin) or an OTLP one
 * ({@code management.otlp.tracing.endpoint}, a deployment's collector). Without either, no tracer, no
 * Camel route spans, no JDBC proxy and no exporter exist, so a request pays nothing for tracing. Spring Boot alone would
 * trace always and send to Zipkin's default address; these defaults come last, so a setting of the same
 * name anywhere else (a test turning tracing on with an in-memory exporter, say) still wins.
 */
public class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    static final String ZIPKIN_ENDPOINT = "management.zipkin.tracing.endpoint";
    static final String OTLP_ENDPOINT = "management.otlp.tracing.endpoint";
    static final String TRACING_ENABLED = "management.tracing.enabled";
    static final String ZIPKIN_EXPORT = "management.zipkin.tracing.export.enabled";
    static final String OTLP_EXPORT = "management.otlp.tracing.export.enabled";
    static final String CAMEL_OBSERVATION = "camel.observation.enabled";
    static final String JDBC_OBSERVATION = "jdbc.datasource-proxy.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean zipkin = StringUtils.hasText(environment.getProperty(ZIPKIN_ENDPOINT));
        boolean otlp = StringUtils.hasText(environment.getProperty(OTLP_ENDPOINT));
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(TRACING_ENABLED, zipkin || otlp);
        // An exporter only for an endpoint that is set (compose passes an empty one when none is wanted).
        defaults.put(ZIPKIN_EXPORT, zipkin);
        defaults.put(OTLP_EXPORT, otlp);
        // Camel's route spans follow whatever decides tracing, this default or an explicit setting.
        defaults.put(CAMEL_OBSERVATION, "${" + TRACING_ENABLED + "}");
        // So do the JDBC spans: with tracing off no data source is wrapped in a proxy.
        defaults.put(JDBC_OBSERVATION, "${" + TRACING_ENABLED + "}");
        environment.getPropertySources().addLast(new MapPropertySource("oasisTracingDefaults", defaults));
    }

    /** After the configuration files are read, which name the endpoints. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
