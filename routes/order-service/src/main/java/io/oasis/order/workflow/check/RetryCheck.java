package io.oasis.order.workflow.check;

import io.oasis.connector.ElementTemplates;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * A warning for a service, send or business rule task that calls out (a Java delegate: a connector or any
 * other class or bean) without {@code asyncBefore} and a retry cycle: a failure there rolls the order back to
 * its last wait state and surfaces to whoever moved it, instead of being retried by the job executor and ending
 * as an incident. The cycle is Camunda's {@code failedJobRetryTimeCycle} or a connector template's
 * {@code retryCycle} property. A compensation handler runs in the transaction of the event that throws
 * compensation (the engine does not honour {@code asyncBefore} on the handler itself), so for one the check
 * asks that every compensation throw event be retried: {@code asyncBefore} with a retry cycle, or directly after
 * a start event with {@code asyncAfter} and a retry cycle.
 */
@Component
public class RetryCheck implements ModelCheck {

    @Override
    public void check(String resourceName, BpmnModelInstance model, ModelFindings findings) {
        boolean compensationRetried = model.getModelElementsByType(ThrowEvent.class).stream()
                .filter(event -> !event.getChildElementsByType(CompensateEventDefinition.class).isEmpty())
                .allMatch(RetryCheck::retried);
        for (Activity task : model.getModelElementsByType(Activity.class)) {
            if (task.isForCompensation()) {
                if (callsOut(task) && !compensationRetried) {
                    findings.warning(task.getId(), "Compensation handler " + task.getId() + " calls out, but an event "
                            + "that throws compensation is not retried: the handler runs in that event's transaction "
                            + "('Asynchronous before' on the handler is not honoured); tick 'Asynchronous before' on the "
                            + "throw event (or 'Asynchronous after' on the start event before it) and set its retry cycle");
                }
                continue;
            }
            if (callsOut(task) && !(task.isCamundaAsyncBefore() && hasRetryCycle(task))) {
                findings.warning(task.getId(), "Task " + task.getId() + " calls out without "
                        + (task.isCamundaAsyncBefore() ? "" : "asyncBefore and ") + "a retry cycle: a failure is not "
                        + "retried by the engine; tick 'Asynchronous before' and set the retry cycle (e.g. R3/PT10S)");
            }
        }
    }

    /** The event runs in a job with a retry cycle: its own, or that of the start event right before it. */
    private static boolean retried(ThrowEvent event) {
        if (event.isCamundaAsyncBefore() && hasRetryCycle(event)) {
            return true;
        }
        return !event.getIncoming().isEmpty() && event.getIncoming().stream().map(SequenceFlow::getSource)
                .allMatch(source -> source instanceof StartEvent start && start.isCamundaAsyncAfter() && hasRetryCycle(start));
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

    private static boolean hasRetryCycle(BaseElement task) {
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
