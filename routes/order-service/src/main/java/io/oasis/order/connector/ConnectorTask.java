package io.oasis.order.connector;

import io.oasis.connector.ElementTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * A BPMN activity that calls a connector: bound to {@code ${callConnector}}, with the input parameter
 * {@code connector} naming it (null when missing), its other input parameters (a text value, or null
 * when the parameter holds a script, list or map) and its extension properties.
 */
public record ConnectorTask(String activityId, String connector, Map<String, String> inputs,
        List<String> outputParameters, Map<String, String> properties) {

    /** Every activity of the model bound to the connector delegate. */
    public static List<ConnectorTask> in(BpmnModelInstance model) {
        List<ConnectorTask> tasks = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String delegate = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "delegateExpression");
            if (delegate != null && delegate.replace(" ", "").equals(ElementTemplates.DELEGATE_EXPRESSION)) {
                tasks.add(of(node));
            }
        }
        return tasks;
    }

    private static ConnectorTask of(BaseElement element) {
        Map<String, String> inputs = new LinkedHashMap<>();
        List<String> outputs = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions != null) {
            for (CamundaInputOutput io : extensions.getChildElementsByType(CamundaInputOutput.class)) {
                for (CamundaInputParameter input : io.getCamundaInputParameters()) {
                    boolean text = input.getDomElement().getChildElements().isEmpty();
                    inputs.put(input.getCamundaName(), text ? input.getTextContent().trim() : null);
                }
                for (CamundaOutputParameter output : io.getCamundaOutputParameters()) {
                    outputs.add(output.getCamundaName());
                }
            }
            for (CamundaProperties list : extensions.getChildElementsByType(CamundaProperties.class)) {
                for (CamundaProperty property : list.getCamundaProperties()) {
                    properties.put(property.getCamundaName(), property.getCamundaValue());
                }
            }
        }
        String connector = inputs.remove(ElementTemplates.CONNECTOR_PARAMETER);
        return new ConnectorTask(element.getId(), connector == null || connector.isBlank() ? null : connector,
                inputs, outputs, properties);
    }
}
