package io.oasis.order.connector;

import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.connector.ConnectorCalls;
import io.oasis.connector.ConnectorCatalog;
import io.oasis.connector.ConnectorDefinition;
import io.oasis.connector.ConnectorFolder;
import io.oasis.connector.ElementTemplates;
import io.oasis.connector.InvalidConnectorException;
import io.oasis.connector.KameletConfigurationSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The order service's connectors: the built-in ones (packaged under {@code connectors/builtin/}), then
 * either the folder {@code oasis.connectors.directory} (loaded and watched: the launcher's
 * {@code routes/connectors/}, a mounted volume in a deployment) or, without one, the shipped connectors
 * packaged into the service. Their configuration ({@code camel.kamelet.<name>.<property>}) comes from
 * this service's Spring configuration and environment.
 */
@Configuration
@EnableConfigurationProperties(ConnectorSettings.class)
public class ConnectorConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorConfiguration.class);
    static final String BUILT_IN = "classpath*:connectors/builtin/*.kamelet.yaml";
    static final String PACKAGED = "classpath*:connectors/*.kamelet.yaml";

    @Bean
    ConnectorCatalog connectorCatalog(CamelContext camel, ConfigurableEnvironment environment, Clock clock,
            ConnectorSettings settings) {
        ConnectorCatalog catalog = new ConnectorCatalog(camel, clock);
        camel.getPropertiesComponent().addPropertiesSource(new KameletConfigurationSource(
                () -> kameletSettings(environment, catalog)));
        if (settings.elementTemplatesFile() != null && !settings.elementTemplatesFile().isBlank()) {
            Path file = Path.of(settings.elementTemplatesFile());
            catalog.onChange(changed -> ElementTemplates.write(changed.all(), file));
        }
        load(catalog, BUILT_IN);
        if (settings.directory() == null || settings.directory().isBlank()) {
            load(catalog, PACKAGED);
            LOG.info("Connectors (packaged): {}", String.join(", ", catalog.names()));
        }
        return catalog;
    }

    /** The folder's connectors, watched for changes while the service runs. */
    @Bean(destroyMethod = "close")
    ConnectorFolder connectorFolder(ConnectorCatalog catalog, ConnectorSettings settings) {
        boolean watched = settings.directory() != null && !settings.directory().isBlank();
        ConnectorFolder folder = new ConnectorFolder(catalog, Path.of(watched ? settings.directory() : "."),
                settings.watchInterval());
        if (watched) {
            folder.start(true);
        }
        return folder;
    }

    @Bean
    ConnectorCalls connectorCalls(ConnectorCatalog catalog, MeterRegistry meters, Clock clock) {
        return new ConnectorCalls(catalog, meters, clock);
    }

    private static void load(ConnectorCatalog catalog, String pattern) {
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                try (InputStream in = resource.getInputStream()) {
                    ConnectorDefinition loaded = catalog.install(resource.getFilename(), in.readAllBytes());
                    LOG.debug("Connector {} loaded from {}", loaded.name(), resource);
                } catch (InvalidConnectorException e) {
                    LOG.error("Connector file rejected, not loaded: {}", e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + pattern, e);
        }
    }

    /**
     * Every {@code camel.kamelet.*} key this service is configured with, its value resolved as Spring would,
     * and each loaded connector's properties as Spring's relaxed binding finds them (so the environment
     * variable {@code CAMEL_KAMELET_REFUND_PAYMENT_APIKEY} sets {@code camel.kamelet.refund-payment.apiKey}).
     */
    static Map<String, String> kameletSettings(ConfigurableEnvironment environment, ConnectorCatalog catalog) {
        Map<String, String> settings = new TreeMap<>();
        for (ConnectorDefinition connector : catalog.all()) {
            for (var property : connector.properties()) {
                String key = connector.configurationKey(property.name());
                String value = environment.getProperty(key);
                if (value != null) {
                    settings.put(key, value);
                }
            }
        }
        environment.getPropertySources().forEach(source -> {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(KameletConfigurationSource.PREFIX) && !settings.containsKey(name)) {
                        String value = environment.getProperty(name);
                        if (value != null) {
                            settings.put(name, value);
                        }
                    }
                }
            }
        });
        return settings;
    }
}
