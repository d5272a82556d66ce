package io.oasis.order.workflow.check;

import io.oasis.order.process.CorrelatedMessages;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Every message a model waits for is one the code correlates ({@link CorrelatedMessages}): an order waiting for
 * any other name would wait for ever.
 */
@Component
public class MessageCheck implements ModelCheck {

    @Override
    public void check(String resourceName, BpmnModelInstance model, ModelFindings findings) {
        for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
            ModelElementInstance event = definition.getParentElement();
            if (event instanceof CatchEvent catcher) {
                check(catcher, definition.getMessage(), findings);
            }
        }
        for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
            check(task, task.getMessage(), findings);
        }
    }

    private static void check(BaseElement waiting, Message message, ModelFindings findings) {
        String name = message == null ? null : message.getName();
        if (name == null || name.isBlank()) {
            findings.error(waiting.getId(), waiting.getId() + " waits for a message without a name: pick one of "
                    + CorrelatedMessages.NAMES);
        } else if (!CorrelatedMessages.NAMES.contains(name)) {
            findings.error(waiting.getId(), waiting.getId() + " waits for message '" + name
                    + "', which nothing sends to a process; the messages Oasis correlates are " + CorrelatedMessages.NAMES);
        }
    }
}
