package io.oasis.connector;

import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.camel.spi.LoadablePropertiesSource;

/**
 * Hands Camel's Kamelet component the connectors' configuration ({@code camel.kamelet.<name>.<property>}).
 * The component looks these up by prefix, which only a loadable properties source answers; this one asks
 * the service's configuration (or the test kit's) each time, so a route built after a change sees it.
 */
public class KameletConfigurationSource implements LoadablePropertiesSource {

    public static final String PREFIX = "camel.kamelet.";

    private final Supplier<Map<String, String>> configuration;

    /** @param configuration every {@code camel.kamelet.*} key and its value, read when asked */
    public KameletConfigurationSource(Supplier<Map<String, String>> configuration) {
        this.configuration = configuration;
    }

    @Override
    public String getName() {
        return "oasis-connector-configuration";
    }

    @Override
    public String getProperty(String name) {
        return name.startsWith(PREFIX) ? configuration.get().get(name) : null;
    }

    @Override
    public Properties loadProperties() {
        return loadProperties(key -> true);
    }

    @Override
    public Properties loadProperties(Predicate<String> filter) {
        Properties properties = new Properties();
        configuration.get().forEach((key, value) -> {
            if (value != null && filter.test(key)) {
                properties.setProperty(key, value);
            }
        });
        return properties;
    }

    @Override
    public void reloadProperties(String location) {
        // Nothing is cached here.
    }
}
