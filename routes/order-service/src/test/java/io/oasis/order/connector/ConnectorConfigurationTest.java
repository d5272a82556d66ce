package io.oasis.order.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.connector.ConnectorCatalog;
import java.io.InputStream;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Where a connector's configuration comes from: Spring's configuration, and environment variables by their usual names. */
class ConnectorConfigurationTest {

    @Test
    void configurationAndEnvironmentVariablesReachTheConnectors() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            ConnectorCatalog catalog = new ConnectorCatalog(camel);
            try (InputStream in = new PathMatchingResourcePatternResolver()
                    .getResource("classpath:connectors/refund-payment.kamelet.yaml").getInputStream()) {
                catalog.install("refund-payment.kamelet.yaml", in.readAllBytes());
            }
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-environment",
                    Map.of("CAMEL_KAMELET_REFUND_PAYMENT_APIKEY", "from-the-environment")));
            environment.getPropertySources().addFirst(new MapPropertySource("test-configuration",
                    Map.of("camel.kamelet.refund-payment.baseUrl", "https://payments.example.com")));

            Map<String, String> settings = ConnectorConfiguration.kameletSettings(environment, catalog);

            assertThat(settings).containsEntry("camel.kamelet.refund-payment.apiKey", "from-the-environment")
                    .containsEntry("camel.kamelet.refund-payment.baseUrl", "https://payments.example.com");
        }
    }
}
