package io.oasis.connector;

import java.util.List;

/**
 * One property of a connector ({@code spec.definition.properties.<name>}).
 *
 * @param secret      {@code format: password}: read from configuration only, never shown, never in a diagram
 * @param environment {@code x-oasis-environment: true}: differs per environment (a partner's URL), so it is
 *                    configured ({@code camel.kamelet.<connector>.<property>}) rather than set in a diagram
 */
public record ConnectorProperty(String name, String title, String description, String type, String defaultValue,
        List<String> enumValues, String example, boolean required, boolean secret, boolean environment) {

    /** Set in configuration rather than in the task. */
    public boolean fromConfiguration() {
        return secret || environment;
    }
}
