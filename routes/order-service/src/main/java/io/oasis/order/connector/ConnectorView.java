package io.oasis.order.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oasis.connector.ConnectorDefinition;
import io.oasis.connector.ConnectorError;
import io.oasis.connector.ConnectorHealth;
import io.oasis.connector.ConnectorProperty;
import io.oasis.connector.ConnectorVariable;
import java.util.List;

/**
 * A connector as the catalog API shows it. Secrets and per-environment properties appear by name, with
 * the configuration key they are read from and whether it is set, never with their value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectorView(String name, String title, String description, String group, String version,
        List<Property> properties, List<ConnectorVariable> inputs, List<ConnectorVariable> outputs,
        List<ConnectorError> errors, String timeout, String retryCycle, List<Usage> usedBy, ConnectorHealth health) {

    /**
     * @param source           {@code task} (set on the BPMN task) or {@code configuration}
     * @param configurationKey where a configured property is read from
     * @param configured       whether that key has a value here (the value itself is never shown)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Property(String name, String title, String description, String type, boolean required,
            String defaultValue, List<String> enumValues, boolean secret, String source, String configurationKey,
            Boolean configured) {
    }

    /** A task of the latest version of a deployed process that calls the connector. */
    public record Usage(String processDefinitionKey, int version, String activityId) {
    }

    static ConnectorView of(ConnectorDefinition connector, List<Usage> usedBy, ConnectorHealth health,
            java.util.function.Predicate<String> isConfigured) {
        List<Property> properties = connector.properties().stream().map(property -> property(connector, property,
                isConfigured)).toList();
        return new ConnectorView(connector.name(), connector.title(), connector.description(), connector.group(),
                connector.version(), properties, connector.inputs(), connector.outputs(), connector.errors(),
                connector.timeout().toString(), connector.retryCycle(), usedBy, health);
    }

    private static Property property(ConnectorDefinition connector, ConnectorProperty property,
            java.util.function.Predicate<String> isConfigured) {
        boolean configuredProperty = property.fromConfiguration();
        String key = connector.configurationKey(property.name());
        return new Property(property.name(), property.title(), property.description(), property.type(),
                property.required(), property.secret() ? null : property.defaultValue(),
                property.enumValues().isEmpty() ? null : property.enumValues(), property.secret(),
                configuredProperty ? "configuration" : "task", configuredProperty ? key : null,
                configuredProperty ? isConfigured.test(key) : null);
    }
}
