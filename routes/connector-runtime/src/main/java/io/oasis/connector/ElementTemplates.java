package io.oasis.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Camunda Modeler element templates (Camunda 7, the {@code @camunda/element-templates-json-schema}
 * format), one per connector: a service task bound to {@code ${callConnector}} with the connector's name
 * fixed and hidden, a field per task property (a dropdown for enums, required ones must be filled),
 * secrets and per-environment properties as the configuration key they are read from (never a value),
 * an input mapping per variable it reads, an output mapping per variable it sets, async-before and the
 * connector's retry cycle.
 * <p>
 * Camunda 7 templates cannot bind {@code camunda:failedJobRetryTimeCycle} (camunda-modeler issue 1015),
 * so the retry cycle is the extension property {@value #RETRY_CYCLE_PROPERTY}, which the order service's
 * engine applies as the task's retry cycle.
 */
public final class ElementTemplates {

    public static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    public static final String DELEGATE_EXPRESSION = "${callConnector}";
    public static final String CONNECTOR_PARAMETER = "connector";
    public static final String RETRY_CYCLE_PROPERTY = "retryCycle";
    /** Extension properties that name where a configured property comes from: {@code config.<property>}. */
    public static final String CONFIGURATION_PROPERTY_PREFIX = "config.";
    public static final String ID_PREFIX = "io.oasis.connector.";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ElementTemplates() {
    }

    public static List<Map<String, Object>> of(List<ConnectorDefinition> connectors) {
        return connectors.stream().map(ElementTemplates::of).toList();
    }

    public static Map<String, Object> of(ConnectorDefinition connector) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("$schema", SCHEMA);
        template.put("name", connector.title());
        template.put("id", ID_PREFIX + connector.name());
        template.put("description", description(connector));
        template.put("appliesTo", List.of("bpmn:ServiceTask"));
        template.put("keywords", List.of(connector.name(), connector.group()));
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(ordered("id", "settings", "label", "Settings"));
        groups.add(ordered("id", "configuration", "label", "From configuration (not in the diagram)"));
        groups.add(ordered("id", "inputs", "label", "Inputs (process variables it reads)"));
        groups.add(ordered("id", "outputs", "label", "Outputs (process variables it sets)"));
        groups.add(ordered("id", "execution", "label", "Retries"));
        template.put("groups", groups);

        List<Map<String, Object>> properties = new ArrayList<>();
        properties.add(field(null, "Hidden", DELEGATE_EXPRESSION, binding("property", "camunda:delegateExpression")));
        properties.add(field(null, "Hidden", connector.name(), binding("camunda:inputParameter", CONNECTOR_PARAMETER)));
        for (ConnectorProperty property : connector.properties()) {
            properties.add(property.fromConfiguration() ? configured(connector, property) : setting(property));
        }
        for (ConnectorVariable input : connector.inputs()) {
            Map<String, Object> field = field("Input: " + input.name(), "String", "${" + input.name() + "}",
                    binding("camunda:inputParameter", input.name()));
            field.put("description", input.description() + " (default: the process variable " + input.name() + ")");
            field.put("group", "inputs");
            if (input.required()) {
                field.put("constraints", ordered("notEmpty", true));
            }
            properties.add(field);
        }
        for (ConnectorVariable output : connector.outputs()) {
            Map<String, Object> bind = binding("camunda:outputParameter", null);
            bind.remove("name");
            bind.put("source", "${" + output.name() + "}");
            Map<String, Object> field = field("Output: " + output.name() + " into process variable", "String",
                    output.name(), bind);
            field.put("description", output.description());
            field.put("group", "outputs");
            properties.add(field);
        }
        Map<String, Object> async = field("Asynchronous before (retried by the job executor)", "Boolean", true,
                binding("property", "camunda:asyncBefore"));
        async.put("group", "execution");
        properties.add(async);
        Map<String, Object> retry = field("Retry cycle", "String", connector.retryCycle(),
                binding("camunda:property", RETRY_CYCLE_PROPERTY));
        retry.put("description", "How often and how far apart a failed call is retried before an incident, e.g. "
                + "R3/PT10S: 3 tries, 10 s apart");
        retry.put("group", "execution");
        retry.put("constraints", ordered("notEmpty", true, "pattern",
                ordered("value", "^(R\\d+/)?P.+$", "message", "An ISO-8601 repetition such as R3/PT10S")));
        properties.add(retry);
        template.put("properties", properties);
        return template;
    }

    public static byte[] json(List<ConnectorDefinition> connectors) {
        try {
            return JSON.writeValueAsBytes(of(connectors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the templates where Camunda Modeler looks ({@code .camunda/element-templates/} of a folder). */
    public static void write(List<ConnectorDefinition> connectors, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] content = json(connectors);
            if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the element templates to " + file, e);
        }
    }

    /**
     * Writes the templates of every connector file of the given folders, by name as the catalog lists them:
     * {@code ElementTemplates <folder>... <file>}. The build runs it for the shipped connectors (the order
     * service's built-in ones and the connector folder), so the file is what a running catalog writes; a file
     * that is not a valid connector fails it.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("Usage: ElementTemplates <connector folder>... <templates file>");
        }
        List<ConnectorDefinition> connectors = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            connectors.addAll(ConnectorFiles.parseFolder(Path.of(args[i])));
        }
        connectors.sort(Comparator.comparing(ConnectorDefinition::name));
        write(connectors, Path.of(args[args.length - 1]).normalize());
    }

    private static Map<String, Object> setting(ConnectorProperty property) {
        Map<String, Object> field;
        Map<String, Object> bind = binding("camunda:inputParameter", property.name());
        List<String> choices = !property.enumValues().isEmpty() ? property.enumValues()
                : "boolean".equals(property.type()) ? List.of("true", "false") : List.of();
        if (!choices.isEmpty()) {
            field = field(label(property), "Dropdown", property.defaultValue() != null ? property.defaultValue()
                    : choices.get(0), bind);
            field.put("choices", choices.stream().map(choice -> ordered("name", choice, "value", choice)).toList());
        } else {
            field = field(label(property), "String", property.defaultValue(), bind);
        }
        String description = property.description();
        if (property.example() != null) {
            description += (description.isEmpty() ? "" : " ") + "Example: " + property.example();
        }
        if (!description.isEmpty()) {
            field.put("description", description);
        }
        if (property.required() && property.defaultValue() == null) {
            field.put("constraints", ordered("notEmpty", true));
        }
        field.put("group", "settings");
        return field;
    }

    private static Map<String, Object> configured(ConnectorDefinition connector, ConnectorProperty property) {
        Map<String, Object> field = field(label(property) + (property.secret() ? " (secret)" : ""), "String",
                connector.configurationKey(property.name()),
                binding("camunda:property", CONFIGURATION_PROPERTY_PREFIX + property.name()));
        field.put("editable", false);
        field.put("description", (property.secret() ? "A secret: never written in a diagram. " : "")
                + "Read from the configuration key shown (or the environment variable it maps to) when the "
                + "connector is called. " + property.description());
        field.put("group", "configuration");
        return field;
    }

    private static String label(ConnectorProperty property) {
        return property.title() + (property.required() ? " (required)" : "");
    }

    private static String description(ConnectorDefinition connector) {
        StringBuilder text = new StringBuilder(connector.description().trim());
        if (!connector.errors().isEmpty()) {
            text.append(" BPMN errors: ");
            text.append(String.join(", ", connector.errors().stream()
                    .map(error -> error.code() + " (" + error.description() + ")").toList()));
            text.append('.');
        }
        return text.toString();
    }

    /** A JSON object whose keys keep the order given, so the written file is the same on every build. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> field(String label, String type, Object value, Map<String, Object> binding) {
        Map<String, Object> field = new LinkedHashMap<>();
        if (label != null) {
            field.put("label", label);
        }
        field.put("type", type);
        if (value != null) {
            field.put("value", value);
        }
        field.put("binding", binding);
        return field;
    }

    private static Map<String, Object> binding(String type, String name) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("type", type);
        binding.put("name", name);
        return binding;
    }
}
