package io.oasis.order.bridge;

import io.oasis.order.process.CorrelatedMessages;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Camel to BPMN: start a process and deliver a message to the instance waiting for it, both by
 * business key. The REST endpoints and the Kafka consumer reach the engine only through here,
 * inside the caller's transaction.
 */
@Component
public class ProcessBridge {

    private final RuntimeService runtime;

    public ProcessBridge(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the latest version of process {@code processKey}. */
    public ProcessInstance start(String processKey, String businessKey, Map<String, Object> variables) {
        return runtime.startProcessInstanceByKey(processKey, businessKey, variables);
    }

    /** Whether the instance of {@code businessKey} waits for the message right now. */
    public boolean isWaitingFor(String messageName, String businessKey) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(businessKey)
                .messageEventSubscriptionName(messageName).count() > 0;
    }

    /**
     * Delivers message {@code messageName} with {@code variables} to the instance of {@code businessKey}.
     *
     * @throws org.camunda.bpm.engine.MismatchingMessageCorrelationException if no instance waits for it
     * @throws IllegalArgumentException if the name is not one of {@link CorrelatedMessages#NAMES}
     */
    public void correlate(String messageName, String businessKey, Map<String, Object> variables) {
        if (!CorrelatedMessages.NAMES.contains(messageName)) {
            // Models are checked against that list before they deploy; a name missing there would go unchecked.
            throw new IllegalArgumentException("Message " + messageName + " is not listed in CorrelatedMessages");
        }
        runtime.createMessageCorrelation(messageName).processInstanceBusinessKey(businessKey)
                .setVariables(variables).correlate();
    }
}
