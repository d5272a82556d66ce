package io.oasis.connector;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one Kamelet file says about its connector, as the catalog, the Modeler templates, the
 * deploy-time check and the caller need it. Everything here comes from the file; nothing is kept
 * beside it.
 *
 * @param name        {@code metadata.name}, equal to the file name without {@code .kamelet.yaml}
 * @param version     a hash of the file's bytes: changes whenever the file does
 * @param properties  {@code spec.definition.properties}: how the connector is configured
 * @param inputs      process variables it reads ({@code x-oasis.inputs})
 * @param outputs     process variables it sets ({@code x-oasis.outputs})
 * @param errors      BPMN errors it raises ({@code x-oasis.errors})
 * @param timeout     longest a call may take before it fails ({@code x-oasis.timeout})
 * @param retryCycle  the retry cycle a task calling it gets by default ({@code x-oasis.retryCycle})
 */
public record ConnectorDefinition(String name, String title, String description, String group, String version,
        String fileName, List<ConnectorProperty> properties, List<ConnectorVariable> inputs,
        List<ConnectorVariable> outputs, List<ConnectorError> errors, Duration timeout, String retryCycle,
        byte[] source) {

    public static final String FILE_SUFFIX = ".kamelet.yaml";

    public Optional<ConnectorProperty> property(String propertyName) {
        return properties.stream().filter(property -> property.name().equals(propertyName)).findFirst();
    }

    /** The properties a task sets (not secrets, not per-environment ones). */
    public List<ConnectorProperty> taskProperties() {
        return properties.stream().filter(property -> !property.fromConfiguration()).toList();
    }

    /** The BPMN error a response status stands for, if the file declares one. */
    public Optional<ConnectorError> errorForStatus(int status) {
        return errors.stream().filter(error -> error.httpStatus().contains(status)).findFirst();
    }

    public Optional<ConnectorError> error(String code) {
        return errors.stream().filter(error -> error.code().equals(code)).findFirst();
    }

    /** The configuration key Camel's Kamelet component reads a property from. */
    public String configurationKey(String propertyName) {
        return "camel.kamelet." + name + "." + propertyName;
    }
}
