package io.oasis.connector;

import java.util.List;
import java.util.stream.Collectors;

/** The Markdown table of connectors that the connectors' README shows, made from the files. */
public final class ConnectorTable {

    public static final String BEGIN = "<!-- connector table: generated from the connector files, checked by a test -->";
    public static final String END = "<!-- end of connector table -->";

    private ConnectorTable() {
    }

    public static String markdown(List<ConnectorDefinition> connectors) {
        StringBuilder table = new StringBuilder();
        table.append("| connector | what it does | task properties | configured (secrets marked) | inputs | outputs | BPMN errors |\n");
        table.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (ConnectorDefinition connector : connectors) {
            table.append("| `").append(connector.name()).append("` | ").append(connector.title())
                    .append(" | ").append(names(connector.taskProperties().stream()
                            .map(property -> property.name() + (property.required() ? "*" : "")).toList()))
                    .append(" | ").append(names(connector.properties().stream().filter(ConnectorProperty::fromConfiguration)
                            .map(property -> property.name() + (property.secret() ? " (secret)" : "")).toList()))
                    .append(" | ").append(names(connector.inputs().stream().map(ConnectorVariable::name).toList()))
                    .append(" | ").append(names(connector.outputs().stream().map(ConnectorVariable::name).toList()))
                    .append(" | ").append(names(connector.errors().stream().map(ConnectorError::code).toList()))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }
}
