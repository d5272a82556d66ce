package io.oasis.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Tracing is on exactly when an exporter endpoint is set, and an explicit setting always wins. */
class TracingSwitchTest {

    private final TracingSwitch tracingSwitch = new TracingSwitch();

    @Test
    void withoutAnEndpointNothingIsTracedNorExported() {
        MockEnvironment environment = new MockEnvironment();

        tracingSwitch.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("camel.observation.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("jdbc.datasource-proxy.enabled")).as("no JDBC proxy").isEqualTo("false");
        assertThat(environment.getProperty("management.zipkin.tracing.export.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.otlp.tracing.export.enabled")).isEqualTo("false");
    }

    @Test
    void anEmptyEndpointCountsAsNone() {
        MockEnvironment environment = new MockEnvironment().withProperty("management.otlp.tracing.endpoint", "");

        tracingSwitch.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.otlp.tracing.export.enabled")).isEqualTo("false");
    }

    @Test
    void anOtlpEndpointTracesAndExportsThereOnly() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("management.otlp.tracing.endpoint", "http://collector:4318/v1/traces");

        tracingSwitch.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("camel.observation.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("jdbc.datasource-proxy.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.otlp.tracing.export.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.zipkin.tracing.export.enabled")).isEqualTo("false");
    }

    @Test
    void aZipkinEndpointTracesAndExportsThere() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("management.zipkin.tracing.endpoint", "http://127.0.0.1:9411/api/v2/spans");

        tracingSwitch.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.zipkin.tracing.export.enabled")).isEqualTo("true");
    }

    @Test
    void anExplicitSettingWinsAndCamelAndJdbcFollowIt() {
        MockEnvironment environment = new MockEnvironment().withProperty("management.tracing.enabled", "true");

        tracingSwitch.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("camel.observation.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("jdbc.datasource-proxy.enabled")).isEqualTo("true");
    }
}
