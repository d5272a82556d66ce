package io.oasis.order.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What the engine holds of an erased customer's orders (instances by business key = order id), through
 * its own API, in the caller's transaction:
 * <ul>
 * <li>a running instance keeps running: the variables with people's text or the customer's subject are
 * overwritten (a later step may still read them), their history (every earlier value, whatever the
 * history level) is deleted, and so are the comments on the instance and its tasks and the person's own
 * entries in the operation log;</li>
 * <li>an ended instance's history is deleted as a whole (activities, variables, tasks, comments,
 * decisions): the order row is the record that stays.</li>
 * </ul>
 */
@Component
public class ProcessErasure {

    /** What was done: running instances scrubbed, variables changed, ended instances' history deleted. */
    public record Outcome(int runningInstances, int variables, int endedInstances) {
    }

    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskService tasks;

    public ProcessErasure(RuntimeService runtime, HistoryService history, TaskService tasks) {
        this.runtime = runtime;
        this.history = history;
        this.tasks = tasks;
    }

    public Outcome erase(List<UUID> orderIds, String subject) {
        int running = 0;
        int variables = 0;
        List<String> ended = new ArrayList<>();
        for (UUID orderId : orderIds) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(orderId.toString()).list()) {
                variables += scrub(instance.getId(), subject);
                running++;
            }
            history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId.toString()).finished()
                    .list().stream().map(HistoricProcessInstance::getId).forEach(ended::add);
        }
        if (!ended.isEmpty()) {
            history.deleteHistoricProcessInstancesIfExists(ended);
        }
        return new Outcome(running, variables, ended.size());
    }

    private int scrub(String instanceId, String subject) {
        Set<String> names = Stream.of(OrderPersonalData.TEXT_VARIABLES, OrderPersonalData.SUBJECT_VARIABLES,
                OrderPersonalData.ADDRESS_VARIABLES).flatMap(Set::stream).collect(Collectors.toSet());
        int changed = 0;
        for (Map.Entry<String, Object> variable : runtime.getVariables(instanceId, names).entrySet()) {
            Object replacement = replacement(variable.getKey(), variable.getValue(), subject);
            if (replacement == null) {
                continue;
            }
            runtime.setVariable(instanceId, variable.getKey(), replacement);
            for (HistoricVariableInstance recorded : history.createHistoricVariableInstanceQuery()
                    .processInstanceId(instanceId).variableName(variable.getKey()).list()) {
                // Its earlier values too (history level full); later updates of a deleted record are skipped.
                history.deleteHistoricVariableInstance(recorded.getId());
            }
            changed++;
        }
        if (subject != null) {
            // What the person did through the engine's API while signed in (none of it by default).
            history.createUserOperationLogQuery().processInstanceId(instanceId).userId(subject).list()
                    .forEach(entry -> history.deleteUserOperationLogEntry(entry.getId()));
        }
        if (!tasks.getProcessInstanceComments(instanceId).isEmpty()) {
            tasks.deleteProcessInstanceComments(instanceId);
        }
        for (Task task : tasks.createTaskQuery().processInstanceId(instanceId).list()) {
            if (!tasks.getTaskComments(task.getId()).isEmpty()) {
                tasks.deleteTaskComments(task.getId());
            }
        }
        return changed;
    }

    /** The new value of a variable, or null to leave it as it is. */
    private static Object replacement(String name, Object value, String subject) {
        if (value == null) {
            return null;
        }
        if (OrderPersonalData.ADDRESS_VARIABLES.contains(name)) {
            return "null".equals(value) ? null : "null";
        }
        if (OrderPersonalData.TEXT_VARIABLES.contains(name)) {
            return OrderPersonalData.ERASED_TEXT.equals(value) ? null : OrderPersonalData.ERASED_TEXT;
        }
        // Who did something is kept unless it was the erased customer (a manager stays accountable).
        return subject != null && subject.equals(value) ? OrderPersonalData.PSEUDONYM : null;
    }
}
