package io.oasis.order.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The retry cycle a connector template writes is the one the engine uses, unless the task has its own. */
class ConnectorRetryCyclesTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void engine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("connector-retry-cycles-test");
        configuration.setJdbcUrl("jdbc:h2:mem:connector-retry-cycles-test;DB_CLOSE_DELAY=1000");
        configuration.setJobExecutorActivate(false);
        configuration.setHistoryTimeToLive("P1D");
        // As the order service runs: an engine-wide default retry cycle for tasks that set none.
        configuration.setFailedJobRetryTimeCycle("R3/PT10S");
        configuration.setProcessEnginePlugins(List.of(new ConnectorRetryCycles()));
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theTemplatesRetryCycleIsTheTasks() {
        assertThat(retriesLeftAfterOneFailure("template", task -> withRetryCycle(task, "R5/PT1H"))).isEqualTo(4);
    }

    @Test
    void withoutOneTheEngineDefaultApplies() {
        assertThat(retriesLeftAfterOneFailure("plain", task -> task.endEvent().done())).isEqualTo(2);
    }

    @Test
    void aTasksOwnRetryCycleWins() {
        assertThat(retriesLeftAfterOneFailure("own", task -> withRetryCycle(
                task.camundaFailedJobRetryTimeCycle("R2/PT5M").endEvent().done(), "R5/PT1H"))).isEqualTo(1);
    }

    private static int retriesLeftAfterOneFailure(String key, java.util.function.Function<ServiceTaskBuilder, BpmnModelInstance> finish) {
        ServiceTaskBuilder task = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Task_Call").camundaAsyncBefore().camundaClass(Failing.class.getName());
        BpmnModelInstance model = finish.apply(task);
        engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model).deploy();
        String instance = engine.getRuntimeService().startProcessInstanceByKey(key).getId();
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();

        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).hasMessageContaining("partner down");

        return engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult().getRetries();
    }

    private static BpmnModelInstance withRetryCycle(ServiceTaskBuilder task, String cycle) {
        return withRetryCycle(task.endEvent().done(), cycle);
    }

    private static BpmnModelInstance withRetryCycle(BpmnModelInstance model, String cycle) {
        ServiceTask task = model.getModelElementById("Task_Call");
        if (task.getExtensionElements() == null) {
            task.setExtensionElements(model.newInstance(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class));
        }
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName("retryCycle");
        property.setCamundaValue(cycle);
        properties.addChildElement(property);
        task.getExtensionElements().addChildElement(properties);
        return model;
    }

    /** A connector call that fails. */
    public static class Failing implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            throw new IllegalStateException("partner down");
        }
    }
}
