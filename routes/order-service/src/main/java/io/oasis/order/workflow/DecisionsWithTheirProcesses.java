package io.oasis.order.workflow;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.repository.ResourceDefinitionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelException;

/**
 * Keeps a process and the decisions it calls with {@code camunda:decisionRefBinding="deployment"} in one
 * deployment, however they are deployed, so an order keeps the decision version its process version came with
 * (see workflows/README.md). A deployment that brings such a process without the decision gets the latest
 * deployed decision file added; one that brings a decision without the processes that call it so gets their latest
 * deployed files added, so the change reaches new orders (as a new version of each such process) and never the
 * running ones. Runs first among the deployers, so the added files are checked and deployed like the others.
 */
final class DecisionsWithTheirProcesses {

    private DecisionsWithTheirProcesses() {
    }

    static void complete(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        CommandContext context = Context.getCommandContext();
        context.runWithoutAuthorization(() -> {
            Set<String> decisions = new HashSet<>();
            Set<String> wanted = new HashSet<>();
            Set<String> processes = new HashSet<>();
            for (ResourceEntity resource : new ArrayList<>(deployment.getResources().values())) {
                if (isDmn(resource.getName())) {
                    decisions.addAll(decisionKeys(resource.getBytes()));
                } else if (isBpmn(resource.getName())) {
                    BpmnModelInstance model = bpmn(resource.getBytes());
                    if (model != null) {
                        wanted.addAll(pinnedDecisions(model));
                        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                                .forEach(process -> processes.add(process.getId()));
                    }
                }
            }
            for (String decision : wanted) {
                if (!decisions.contains(decision)) {
                    ResourceDefinitionEntity<?> latest = context.getDecisionDefinitionManager()
                            .findLatestDecisionDefinitionByKey(decision);
                    if (latest != null) {
                        add(deployment, latest, context);
                    }
                }
            }
            for (ResourceDefinitionEntity<?> process : latestProcessesCalling(decisions, processes, context)) {
                add(deployment, process, context);
            }
            return null;
        });
    }

    /** The latest version of every process not in this deployment that calls one of the decisions, bound to its deployment. */
    private static List<ResourceDefinitionEntity<?>> latestProcessesCalling(Set<String> decisions, Set<String> skip,
            CommandContext context) {
        List<ResourceDefinitionEntity<?>> callers = new ArrayList<>();
        if (decisions.isEmpty()) {
            return callers;
        }
        for (var definition : context.getProcessDefinitionManager().findProcessDefinitionsByQueryCriteria(
                (org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl) new org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl()
                        .latestVersion(), null)) {
            if (skip.contains(definition.getKey())) {
                continue;
            }
            ResourceEntity resource = context.getResourceManager().findResourceByDeploymentIdAndResourceName(
                    definition.getDeploymentId(), definition.getResourceName());
            BpmnModelInstance model = resource == null ? null : bpmn(resource.getBytes());
            if (model != null && pinnedDecisions(model).stream().anyMatch(decisions::contains)) {
                callers.add((ResourceDefinitionEntity<?>) definition);
            }
        }
        return callers;
    }

    private static void add(DeploymentEntity deployment, ResourceDefinitionEntity<?> definition, CommandContext context) {
        // Packaged files deployed at start-up are named by their path; the copy takes the file's name only.
        String name = fileName(definition.getResourceName());
        if (deployment.getResource(name) != null) {
            return;
        }
        ResourceEntity deployed = context.getResourceManager().findResourceByDeploymentIdAndResourceName(
                definition.getDeploymentId(), definition.getResourceName());
        ResourceEntity copy = new ResourceEntity();
        copy.setName(name);
        copy.setBytes(deployed.getBytes());
        copy.setDeploymentId(deployment.getId());
        copy.setTenantId(deployment.getTenantId());
        copy.setType(ResourceTypes.REPOSITORY.getValue());
        copy.setCreateTime(ClockUtil.getCurrentTime());
        context.getResourceManager().insertResource(copy);
        deployment.addResource(copy);
    }

    /** Decisions called with a fixed key and bound to the caller's deployment. */
    static Set<String> pinnedDecisions(BpmnModelInstance model) {
        Set<String> keys = new HashSet<>();
        for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
            String key = task.getCamundaDecisionRef();
            if (key != null && !key.contains("{") && "deployment".equals(task.getCamundaDecisionRefBinding())) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static Set<String> decisionKeys(byte[] dmn) {
        Set<String> keys = new HashSet<>();
        try {
            Dmn.readModelFromStream(new ByteArrayInputStream(dmn)).getModelElementsByType(Decision.class)
                    .forEach(decision -> keys.add(decision.getId()));
        } catch (ModelException e) {
            // The engine's parser refuses it with its own message.
        }
        return keys;
    }

    private static BpmnModelInstance bpmn(byte[] content) {
        try {
            return Bpmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (ModelException e) {
            return null;
        }
    }

    static String fileName(String resourceName) {
        return resourceName.substring(Math.max(resourceName.lastIndexOf('/'), resourceName.lastIndexOf('\\')) + 1);
    }

    static boolean isBpmn(String name) {
        return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
    }

    static boolean isDmn(String name) {
        return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
    }
}
