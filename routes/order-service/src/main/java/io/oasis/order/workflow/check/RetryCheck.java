package io.oasis.order.workflow.check;

import io.oasis.connector.ElementTemplates;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * A warning for a service, send or business rule task that calls out (a Java delegate: a connector or any
 * other class or bean) without {@code asyncBefore} and a retry cycle: a failure there rolls the order back to
 * its last wait state and surfaces to whoever moved it, instead of being retried by the job executor and ending
 * as an incident. The cycle is Camunda's {@code failedJobRetryTimeCycle} or a connector template's
 * {@code retryCycle} property.
 */
@Component
public class RetryCheck implements ModelCheck {

    @Override
    public void check(String resourceName, BpmnModelInstance model, ModelFindings findings) {
        for (Activity task : model.getModelElementsByType(Activity.class)) {
            if (callsOut(task) && !(task.isCamundaAsyncBefore() && hasRetryCycle(task))) {
                findings.warning(task.getId(), "Task " + task.getId() + " calls out without "
                        + (task.isCamundaAsyncBefore() ? "" : "asyncBefore and ") + "a retry cycle: a failure is not "
                        + "retried by the engine; tick 'Asynchronous before' and set the retry cycle (e.g. R3/PT10S)");
            }
        }
    }

    private static boolean callsOut(Activity task) {
        String className;
        String delegate;
        if (task instanceof ServiceTask service) {
            className = service.getCamundaClass();
            delegate = service.getCamundaDelegateExpression();
        } else if (task instanceof SendTask send) {
            className = send.getCamundaClass();
            delegate = send.getCamundaDelegateExpression();
        } else if (task instanceof BusinessRuleTask rule) {
            className = rule.getCamundaClass();
            delegate = rule.getCamundaDelegateExpression();
        } else {
            return false;
        }
        return className != null || delegate != null;
    }

    private static boolean hasRetryCycle(Activity task) {
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            return false;
        }
        if (!extensions.getChildElementsByType(CamundaFailedJobRetryTimeCycle.class).isEmpty()) {
            return true;
        }
        for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (ElementTemplates.RETRY_CYCLE_PROPERTY.equals(property.getCamundaName())
                        && property.getCamundaValue() != null && !property.getCamundaValue().isBlank()) {
                    return true;
                }
            }
        }
        return false;
    }
}
