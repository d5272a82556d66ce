package io.oasis.order.connector;

import io.oasis.connector.ConnectorCatalog;
import io.oasis.connector.ConnectorDefinition;
import io.oasis.connector.ConnectorProperty;
import io.oasis.connector.ElementTemplates;
import io.oasis.order.workflow.check.ModelCheck;
import io.oasis.order.workflow.check.ModelFindings;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The connector rules of a model, checked when it is deployed: each task bound to {@code ${callConnector}}
 * names a loaded connector, sets every required task property the connector has no default for, sets
 * none it does not have, and never carries a secret or a per-environment value (those are configuration).
 * A required configured property that is not set is a warning: the model is fine, the environment is not.
 */
@Component
// The models packaged into the service deploy while the engine starts: the watched folder's connectors must be
// in the catalog by then, or every task calling one of them would be refused.
@DependsOn("connectorFolder")
public class ConnectorModelCheck implements ModelCheck {

    private final ConnectorCatalog catalog;
    private final Environment environment;

    public ConnectorModelCheck(ConnectorCatalog catalog, Environment environment) {
        this.catalog = catalog;
        this.environment = environment;
    }

    @Override
    public void check(String resourceName, BpmnModelInstance model, ModelFindings findings) {
        for (ConnectorTask task : ConnectorTask.in(model)) {
            String activity = task.activityId();
            if (task.connector() == null) {
                findings.error(activity, "Activity " + activity + " calls ${callConnector} without naming the connector: "
                        + "add the input parameter '" + ElementTemplates.CONNECTOR_PARAMETER + "' (pick a connector "
                        + "template in Modeler)");
                continue;
            }
            Optional<ConnectorDefinition> found = catalog.find(task.connector());
            if (found.isEmpty()) {
                findings.error(activity, "Activity " + activity + " calls connector '" + task.connector()
                        + "', which is not loaded (loaded: " + String.join(", ", catalog.names()) + ")");
                continue;
            }
            ConnectorDefinition connector = found.get();
            for (ConnectorProperty property : connector.properties()) {
                boolean inTask = task.inputs().containsKey(property.name());
                if (property.fromConfiguration()) {
                    if (inTask && isDeclaredProperty(connector, property.name())) {
                        findings.error(activity, "Activity " + activity + " sets property '" + property.name()
                                + "' of connector " + connector.name() + ", which is " + (property.secret() ? "a secret" : "set per environment")
                                + " and comes from configuration (" + connector.configurationKey(property.name())
                                + "), never from a diagram: remove it");
                    } else if (property.required() && property.defaultValue() == null && !configured(connector, property)) {
                        findings.warning(activity, "Connector " + connector.name() + " of activity " + activity
                                + " needs property '" + property.name() + "', which is not configured ("
                                + connector.configurationKey(property.name()) + "): its calls fail until it is set");
                    }
                    continue;
                }
                String value = task.inputs().get(property.name());
                if (property.required() && property.defaultValue() == null && (value == null || value.isBlank())) {
                    findings.error(activity, "Activity " + activity + " leaves out property '" + property.name()
                            + "' of connector " + connector.name() + ", which is required (" + property.title() + ")");
                } else if (value != null && !property.enumValues().isEmpty() && !value.contains("${")
                        && !property.enumValues().contains(value)) {
                    findings.error(activity, "Activity " + activity + " sets property '" + property.name() + "' of connector "
                            + connector.name() + " to '" + value + "', which is not one of " + property.enumValues());
                } else if (value != null && value.contains("${")) {
                    findings.warning(activity, "Activity " + activity + " sets property '" + property.name()
                            + "' of connector " + connector.name() + " with an expression: properties are fixed per task, "
                            + "so each different value builds its own route; per-order data belong in the inputs");
                }
            }
            String retry = task.properties().get(ElementTemplates.RETRY_CYCLE_PROPERTY);
            if (retry != null && !retry.matches("(R\\d+/)?P.+")) {
                findings.error(activity, "Activity " + activity + " has the retry cycle '" + retry
                        + "', which is not an ISO-8601 repetition such as R3/PT10S");
            }
        }
    }

    private static boolean isDeclaredProperty(ConnectorDefinition connector, String name) {
        return connector.inputs().stream().noneMatch(input -> input.name().equals(name));
    }

    private boolean configured(ConnectorDefinition connector, ConnectorProperty property) {
        String value = environment.getProperty(connector.configurationKey(property.name()));
        return value != null && !value.isBlank();
    }
}
