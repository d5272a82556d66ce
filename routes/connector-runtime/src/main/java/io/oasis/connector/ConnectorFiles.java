package io.oasis.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a connector file: a Camel Kamelet ({@code kind: Kamelet}) whose {@code spec.definition} is a
 * JSON schema of its properties and whose {@code spec.definition.x-oasis} block declares the process
 * variables it reads and sets, the BPMN errors it raises, its timeout and retry cycle. Each mistake is
 * reported in one sentence naming the file and the place in it.
 */
public final class ConnectorFiles {

    static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern RETRY_CYCLE = Pattern.compile("R\\d+/P[0-9A-Z.]+(,\\s*P[0-9A-Z.]+)*|P[0-9A-Z.]+(,\\s*P[0-9A-Z.]+)*");
    /** {@code decimal}: an exact amount, carried as its decimal text (a process has no exact number type). */
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "decimal", "boolean");
    /** Names the catalog API uses for its own paths. */
    private static final Set<String> RESERVED = Set.of("element-templates");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final String DEFAULT_RETRY_CYCLE = "R3/PT10S";
    private static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    private static final String GROUP_ANNOTATION = "camel.apache.org/kamelet.group";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConnectorFiles() {
    }

    /** The connector name a file name stands for, or null when the file is not a connector file. */
    public static String connectorName(String fileName) {
        return fileName.endsWith(ConnectorDefinition.FILE_SUFFIX)
                ? fileName.substring(0, fileName.length() - ConnectorDefinition.FILE_SUFFIX.length())
                : null;
    }

    /** Every connector file of a folder, by name; the first invalid one throws. */
    public static List<ConnectorDefinition> parseFolder(java.nio.file.Path folder) throws java.io.IOException {
        List<ConnectorDefinition> connectors = new ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            for (java.nio.file.Path file : files.filter(path -> path.getFileName().toString()
                    .endsWith(ConnectorDefinition.FILE_SUFFIX)).sorted().toList()) {
                connectors.add(parse(file.getFileName().toString(), java.nio.file.Files.readAllBytes(file)));
            }
        }
        return connectors;
    }

    public static ConnectorDefinition parse(String fileName, byte[] content) {
        String expectedName = connectorName(fileName);
        if (expectedName == null) {
            throw new InvalidConnectorException(fileName + ": a connector file is named <name>" + ConnectorDefinition.FILE_SUFFIX);
        }
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidConnectorException(fileName + ": not valid YAML" + where + ": " + e.getOriginalMessage().replaceAll("\\s+", " ").trim());
        } catch (java.io.IOException e) {
            throw new InvalidConnectorException(fileName + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConnectorException(fileName + ": empty, or not a YAML mapping");
        }
        Reader file = new Reader(fileName);
        if (!"Kamelet".equals(root.path("kind").asText())) {
            throw file.problem("kind", "must be Kamelet (the format of Apache Camel's Kamelet catalog)");
        }
        String name = root.path("metadata").path("name").asText("");
        if (!name.equals(expectedName)) {
            throw file.problem("metadata.name", "must be '" + expectedName + "', the file's name, but is '" + name + "'");
        }
        if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw file.problem("metadata.name", "'" + name + "' is not allowed: lower-case words joined by '-', "
                    + "and not one of " + RESERVED);
        }
        String type = root.path("metadata").path("labels").path(TYPE_LABEL).asText("action");
        if (!"action".equals(type)) {
            throw file.problem("metadata.labels." + TYPE_LABEL, "must be 'action': a task calls the connector and "
                    + "waits for its answer (a '" + type + "' Kamelet cannot be called from BPMN)");
        }
        JsonNode spec = root.path("spec");
        if (!spec.path("template").isObject()) {
            throw file.problem("spec.template", "is missing: the route the connector runs, starting from kamelet:source");
        }
        JsonNode definition = spec.path("definition");
        String title = file.text(definition, "spec.definition.title", true);
        String description = file.text(definition, "spec.definition.description", true);

        Set<String> required = new HashSet<>();
        for (JsonNode each : definition.path("required")) {
            required.add(each.asText());
        }
        List<ConnectorProperty> properties = new ArrayList<>();
        JsonNode propertiesNode = definition.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = propertiesNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            properties.add(property(file, entry.getKey(), entry.getValue(), required.contains(entry.getKey())));
        }
        for (String each : required) {
            if (!propertiesNode.has(each)) {
                throw file.problem("spec.definition.required", "names '" + each + "', which is not a property");
            }
        }

        JsonNode oasis = definition.path("x-oasis");
        List<ConnectorVariable> inputs = variables(file, oasis.path("inputs"), "spec.definition.x-oasis.inputs");
        List<ConnectorVariable> outputs = variables(file, oasis.path("outputs"), "spec.definition.x-oasis.outputs");
        List<ConnectorError> errors = errors(file, oasis.path("errors"));
        Duration timeout = DEFAULT_TIMEOUT;
        if (oasis.hasNonNull("timeout")) {
            try {
                timeout = Duration.parse(oasis.get("timeout").asText());
            } catch (DateTimeParseException e) {
                throw file.problem("spec.definition.x-oasis.timeout", "'" + oasis.get("timeout").asText()
                        + "' is not an ISO-8601 duration such as PT5S");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw file.problem("spec.definition.x-oasis.timeout", "must be longer than zero");
            }
        }
        String retryCycle = oasis.path("retryCycle").asText(DEFAULT_RETRY_CYCLE);
        if (!RETRY_CYCLE.matcher(retryCycle).matches()) {
            throw file.problem("spec.definition.x-oasis.retryCycle", "'" + retryCycle
                    + "' is not a retry cycle such as R3/PT10S");
        }
        String group = root.path("metadata").path("annotations").path(GROUP_ANNOTATION).asText("Oasis");
        return new ConnectorDefinition(name, title, description, group, hash(content), fileName,
                List.copyOf(properties), inputs, outputs, errors, timeout, retryCycle, content.clone());
    }

    private static ConnectorProperty property(Reader file, String name, JsonNode node, boolean required) {
        String where = "spec.definition.properties." + name;
        if (!VARIABLE.matcher(name).matches()) {
            throw file.problem(where, "a property name is letters, digits and '_' (it is a BPMN input parameter)");
        }
        String type = node.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw file.problem(where + ".type", "must be one of " + TYPES + ", not '" + type + "'");
        }
        String title = file.text(node, where + ".title", true);
        List<String> enumValues = new ArrayList<>();
        for (JsonNode each : node.path("enum")) {
            enumValues.add(each.asText());
        }
        String defaultValue = node.hasNonNull("default") ? node.get("default").asText() : null;
        if (defaultValue != null && !enumValues.isEmpty() && !enumValues.contains(defaultValue)) {
            throw file.problem(where + ".default", "'" + defaultValue + "' is not one of its enum " + enumValues);
        }
        boolean secret = "password".equals(node.path("format").asText());
        if (secret && defaultValue != null) {
            throw file.problem(where + ".default", "a secret (format: password) has no default in the file");
        }
        return new ConnectorProperty(name, title, node.path("description").asText(""), type, defaultValue,
                List.copyOf(enumValues), node.hasNonNull("example") ? node.get("example").asText() : null, required,
                secret, node.path("x-oasis-environment").asBoolean(false));
    }

    private static List<ConnectorVariable> variables(Reader file, JsonNode list, String where) {
        List<ConnectorVariable> variables = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw file.problem(where, "must be a list of {name, type, description}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode each = list.get(i);
            String name = each.path("name").asText("");
            if (!VARIABLE.matcher(name).matches()) {
                throw file.problem(where + "[" + i + "].name", "'" + name + "' is not a variable name");
            }
            if (!names.add(name)) {
                throw file.problem(where, "names '" + name + "' twice");
            }
            variables.add(new ConnectorVariable(name, each.path("type").asText("string"),
                    file.text(each, where + "[" + i + "].description", true), each.path("required").asBoolean(false)));
        }
        return List.copyOf(variables);
    }

    private static List<ConnectorError> errors(Reader file, JsonNode list) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw file.problem("spec.definition.x-oasis.errors", "must be a list of {code, description, httpStatus}");
        }
        List<ConnectorError> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode each = list.get(i);
            String where = "spec.definition.x-oasis.errors[" + i + "]";
            String code = each.path("code").asText("");
            if (!VARIABLE.matcher(code).matches()) {
                throw file.problem(where + ".code", "'" + code + "' is not an error code such as OutOfStock");
            }
            List<Integer> statuses = new ArrayList<>();
            JsonNode status = each.path("httpStatus");
            for (JsonNode one : status.isArray() ? status : List.of(status)) {
                if (one.isMissingNode() || one.isNull()) {
                    continue;
                }
                if (!one.canConvertToInt() || one.asInt() < 400 || one.asInt() > 499) {
                    throw file.problem(where + ".httpStatus", "a business outcome is a 4xx status, not " + one.asText()
                            + " (5xx and timeouts are retried, then an incident)");
                }
                statuses.add(one.asInt());
            }
            errors.add(new ConnectorError(code, file.text(each, where + ".description", true), List.copyOf(statuses)));
        }
        return List.copyOf(errors);
    }

    private static String hash(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Reader(String fileName) {

        InvalidConnectorException problem(String where, String what) {
            return new InvalidConnectorException(fileName + ": " + where + " " + what);
        }

        String text(JsonNode node, String where, boolean required) {
            String key = where.substring(where.lastIndexOf('.') + 1);
            JsonNode value = node.path(key);
            if (required && (!value.isTextual() || value.asText().isBlank())) {
                throw problem(where, "is missing");
            }
            return value.asText("");
        }
    }
}
