package io.oasis.order.workflow;

import io.oasis.order.workflow.check.DeploymentContents;
import io.oasis.order.workflow.check.ModelCheck;
import io.oasis.order.workflow.check.ModelFindings;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Every {@link ModelCheck} bean applied to every BPMN resource of every new deployment, however it arrives
 * (packaged files at start-up, the workflow folder, Camunda Modeler through engine-rest): a deployer that runs
 * before the engine's own, inside the deployment's transaction. An error refuses the whole deployment
 * ({@link ModelRefusedException}; nothing is kept, the previous version keeps serving); warnings are kept with
 * it ({@link ModelWarnings}). Each outcome is reported on the deployment log ({@link DeploymentLog}).
 */
@Component
public class ModelValidation extends AbstractProcessEnginePlugin implements SmartInitializingSingleton {

    private final ObjectProvider<ModelCheck> checks;
    private final ModelWarnings warnings;
    /** The name of the deployment of the packaged models at start-up, if this engine makes one. */
    private String startUpDeployment;
    /** True until every singleton, the engine included, is built: the packaged models deploy in that time. */
    private volatile boolean starting = true;

    public ModelValidation(ObjectProvider<ModelCheck> checks, ModelWarnings warnings) {
        this.checks = checks;
        this.warnings = warnings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration instanceof SpringTransactionsProcessEngineConfiguration spring) {
            startUpDeployment = spring.getDeploymentName();
        }
        List<Deployer> deployers = new ArrayList<>(configuration.getCustomPreDeployers() == null ? List.of()
                : configuration.getCustomPreDeployers());
        deployers.add(DecisionsWithTheirProcesses::complete);
        deployers.add(this::check);
        configuration.setCustomPreDeployers(deployers);
        List<CommandInterceptor> interceptors = new ArrayList<>(
                configuration.getCustomPreCommandInterceptorsTxRequired() == null ? List.of()
                        : configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new DeploymentLog(warnings));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    @Override
    public void afterSingletonsInstantiated() {
        starting = false;
    }

    /** Deployers also run when the engine reloads an old deployment into its cache: only new ones are checked. */
    void check(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        List<Finding> findings = new ArrayList<>();
        DeploymentContents.during(contents(deployment), () -> {
            for (ResourceEntity resource : deployment.getResources().values()) {
                if (DecisionsWithTheirProcesses.isBpmn(resource.getName())) {
                    BpmnModelInstance model = bpmn(resource);
                    if (model != null) {
                        findings.addAll(check(DecisionsWithTheirProcesses.fileName(resource.getName()), model));
                    }
                }
            }
        });
        if (findings.stream().anyMatch(Finding::error)) {
            throw new ModelRefusedException(findings, starting && deployment.getSource() == null
                    && deployment.getName() != null && deployment.getName().equals(startUpDeployment));
        }
        warnings.record(deployment.getId(), findings);
    }

    /** What every check finds in one model. */
    public List<Finding> check(String resourceName, BpmnModelInstance model) {
        List<Finding> findings = new ArrayList<>();
        ModelFindings collector = new ModelFindings() {
            @Override
            public void error(String elementId, String message) {
                findings.add(new Finding(resourceName, elementId, message, true));
            }

            @Override
            public void warning(String elementId, String message) {
                findings.add(new Finding(resourceName, elementId, message, false));
            }
        };
        checks.orderedStream().forEach(check -> check.check(resourceName, model, collector));
        return findings;
    }

    /** A file the model API cannot read is left to the engine's parser, whose message names line and column. */
    private static BpmnModelInstance bpmn(ResourceEntity resource) {
        try {
            return Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
        } catch (ModelException e) {
            return null;
        }
    }

    private static DeploymentContents contents(DeploymentEntity deployment) {
        Set<String> processes = new HashSet<>();
        Set<String> decisions = new HashSet<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            try {
                if (DecisionsWithTheirProcesses.isBpmn(resource.getName())) {
                    Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()))
                            .getModelElementsByType(Process.class).forEach(process -> processes.add(process.getId()));
                } else if (DecisionsWithTheirProcesses.isDmn(resource.getName())) {
                    Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()))
                            .getModelElementsByType(Decision.class).forEach(decision -> decisions.add(decision.getId()));
                }
            } catch (ModelException e) {
                // The engine's parser refuses it with its own message.
            }
        }
        return new DeploymentContents(Set.copyOf(processes), Set.copyOf(decisions));
    }
}
