package io.oasis.order.bridge;

import io.oasis.connector.ConnectorCalls;
import io.oasis.connector.ConnectorCatalog;
import io.oasis.connector.ConnectorDefinition;
import io.oasis.connector.ConnectorOutcome;
import io.oasis.connector.ConnectorProperty;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.springframework.stereotype.Component;

/**
 * BPMN to connectors: the one delegate of every task that calls out. An analyst binds it in the diagram
 * with {@code camunda:delegateExpression="${callConnector}"} and an input parameter {@code connector}
 * naming a loaded connector (a Kamelet of {@code routes/connectors/}; Modeler's templates set both). The
 * diagram never holds a Camel URI or a secret.
 * <ul>
 * <li>In: the task's input parameters named like the connector's task properties are its settings; the
 * process variables (and the other input parameters) are what it reads, with the business key as
 * {@link #BUSINESS_KEY}.</li>
 * <li>Out: the connector's declared outputs become process variables, or local ones for the task's output
 * mapping when it has one.</li>
 * <li>A declared business outcome is thrown as that {@link BpmnError}, for an error event to catch.</li>
 * <li>Any failure (5xx, timeout, connection, open circuit breaker) fails the job: the engine retries it
 * per the task's retry cycle, then raises an incident.</li>
 * </ul>
 */
@Component("callConnector")
public class ConnectorDelegate implements JavaDelegate {

    /** The input parameter that names the connector. */
    public static final String CONNECTOR = "connector";
    /** Built-in connectors written in Java answer on {@code direct:connector-<name>} (their Kamelet calls it). */
    public static final String ROUTE_PREFIX = "direct:connector-";
    /** Exchange variable with the process instance's business key (the order id). */
    public static final String BUSINESS_KEY = "businessKey";
    /** Exchange variables a connector sets to end in a declared BPMN error. */
    public static final String BPMN_ERROR_CODE = ConnectorCalls.BPMN_ERROR_CODE;
    public static final String BPMN_ERROR_MESSAGE = ConnectorCalls.BPMN_ERROR_MESSAGE;

    private final ConnectorCatalog catalog;
    private final ConnectorCalls calls;

    public ConnectorDelegate(ConnectorCatalog catalog, ConnectorCalls calls) {
        this.catalog = catalog;
        this.calls = calls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object name = execution.getVariableLocal(CONNECTOR);
        if (!(name instanceof String connectorName) || connectorName.isBlank()) {
            throw new IllegalStateException("Activity " + execution.getCurrentActivityId()
                    + " needs an input parameter '" + CONNECTOR + "' naming the connector");
        }
        ConnectorDefinition connector = catalog.find(connectorName).orElseThrow(() -> new IllegalStateException(
                "Activity " + execution.getCurrentActivityId() + " calls connector '" + connectorName
                        + "', which is not loaded (loaded: " + String.join(", ", catalog.names()) + ")"));

        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Object> variables = new HashMap<>(execution.getVariables());
        variables.remove(CONNECTOR);
        for (ConnectorProperty property : connector.taskProperties()) {
            if (execution.hasVariableLocal(property.name())) {
                Object value = execution.getVariableLocal(property.name());
                variables.remove(property.name());
                if (value != null) {
                    properties.put(property.name(), value.toString());
                }
            }
        }
        variables.put(BUSINESS_KEY, execution.getProcessBusinessKey());

        ConnectorOutcome outcome = calls.call(connector.name(), properties, variables);
        if (outcome instanceof ConnectorOutcome.BusinessError error) {
            throw new BpmnError(error.code(), error.message());
        }
        boolean mapped = hasOutputMapping(execution);
        ((ConnectorOutcome.Completed) outcome).outputs().forEach((variable, value) -> {
            if (mapped) {
                execution.setVariableLocal(variable, value);
            } else {
                execution.setVariable(variable, value);
            }
        });
    }

    /** Whether the task maps outputs itself (Modeler's templates do): then they stay local for the mapping. */
    private static boolean hasOutputMapping(DelegateExecution execution) {
        FlowElement element = execution.getBpmnModelElementInstance();
        if (element == null || element.getExtensionElements() == null) {
            return false;
        }
        return element.getExtensionElements().getChildElementsByType(CamundaInputOutput.class).stream()
                .anyMatch(io -> !io.getCamundaOutputParameters().isEmpty());
    }
}
