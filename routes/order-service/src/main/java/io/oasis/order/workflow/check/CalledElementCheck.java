package io.oasis.order.workflow.check;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A call activity calls a process, and a business rule task a decision, that exists: deployed already, or
 * deployed with it (the same file or the same deployment). References by expression are resolved per order and
 * cannot be checked here.
 */
@Component
public class CalledElementCheck implements ModelCheck {

    private final ObjectProvider<RepositoryService> repository;

    public CalledElementCheck(ObjectProvider<RepositoryService> repository) {
        this.repository = repository;
    }

    @Override
    public void check(String resourceName, BpmnModelInstance model, ModelFindings findings) {
        DeploymentContents deployment = DeploymentContents.current();
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            String key = call.getCalledElement();
            if (isFixed(key) && !deployment.processKeys().contains(key) && model.getModelElementById(key) == null
                    && !processDeployed(key)) {
                findings.error(call.getId(), "Call activity " + call.getId() + " calls process '" + key
                        + "', which is not deployed: deploy it first or with this file");
            } else if (call.getCamundaCaseRef() != null && isFixed(call.getCamundaCaseRef())) {
                findings.error(call.getId(), "Call activity " + call.getId() + " calls a CMMN case, which Oasis does not run");
            }
        }
        for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
            String key = task.getCamundaDecisionRef();
            if (isFixed(key) && !deployment.decisionKeys().contains(key) && !decisionDeployed(key)) {
                findings.error(task.getId(), "Business rule task " + task.getId() + " calls decision '" + key
                        + "', which is not deployed: deploy its DMN file first or with this file");
            }
        }
    }

    private static boolean isFixed(String reference) {
        return reference != null && !reference.isBlank() && !reference.contains("${") && !reference.contains("#{");
    }

    private boolean processDeployed(String key) {
        return withoutAuthorization(() -> repository.getObject().createProcessDefinitionQuery().processDefinitionKey(key)
                .count() > 0);
    }

    private boolean decisionDeployed(String key) {
        return withoutAuthorization(() -> repository.getObject().createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .count() > 0);
    }

    /** Whoever deploys may not be allowed to read every definition; whether one exists is not theirs to hide. */
    private static boolean withoutAuthorization(Callable<Boolean> query) {
        CommandContext context = Context.getCommandContext();
        try {
            return context == null ? query.call() : context.runWithoutAuthorization(query);
        } catch (Exception e) {
            throw new IllegalStateException("Could not look up the deployed definitions", e);
        }
    }
}
