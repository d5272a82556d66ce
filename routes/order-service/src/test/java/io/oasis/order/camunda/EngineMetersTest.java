package io.oasis.order.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.order.OrderServiceTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's health as Prometheus reads it: an incident and a job out of retries show at their process and
 * step, and go back to 0 once resolved; the job executor's counters are there from the start.
 */
class EngineMetersTest extends OrderServiceTest {

    private static final String PROCESS = "ops-metrics-probe";
    private static final String STEP = "Event_Wait";

    @Autowired
    EngineMeters engineMeters;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    @Test
    void anIncidentShowsAtItsStepUntilItIsResolved() {
        String deployment = repository.createDeployment().addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
                        .intermediateCatchEvent(STEP).timerWithDuration("PT1H").endEvent().done()).deploy().getId();
        try {
            String instance = runtime.startProcessInstanceByKey(PROCESS).getId();
            Job timer = management.createJobQuery().processInstanceId(instance).singleResult();

            engineMeters.refreshNow();
            assertThat(incidents()).as("a step that runs as a job has its series before anything fails").isZero();
            assertThat(failedJobs()).isZero();

            management.setJobRetries(timer.getId(), 0);
            engineMeters.refreshNow();
            assertThat(incidents()).isEqualTo(1);
            assertThat(failedJobs()).isEqualTo(1);

            management.setJobRetries(timer.getId(), 1);
            engineMeters.refreshNow();
            assertThat(incidents()).as("resolved, the series stays at 0 so the alert resolves").isZero();
            assertThat(failedJobs()).isZero();
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void theJobExecutorsCountersAndTheDueJobsAreServed() {
        engineMeters.refreshNow();
        for (String metric : EngineMeters.JOB_METRICS) {
            assertThat(meters.find("oasis.camunda.job.events").tag("metric", metric).functionCounter())
                    .as(metric).isNotNull();
        }
        assertThat(meters.find("oasis.camunda.job.events").tag("metric", "job-acquisition-attempt").functionCounter()
                .count()).as("the executor polls from the start").isPositive();
        assertThat(meters.find("oasis.camunda.jobs.due").gauge()).isNotNull();
        // The order lifecycle's async steps are there at 0 before anything fails (its event-based gateway included).
        assertThat(meters.find("oasis.camunda.incidents").tags("process", "order-lifecycle", "activity",
                "Task_ValidateOrder", "type", "failedJob").gauge()).isNotNull();
        assertThat(meters.find("oasis.camunda.jobs.failed").tags("process", "order-lifecycle", "activity",
                "Task_ValidateOrder").gauge()).isNotNull();
    }

    private double incidents() {
        return meters.get("oasis.camunda.incidents").tags("process", PROCESS, "activity", STEP, "type", "failedJob")
                .gauge().value();
    }

    private double failedJobs() {
        return meters.get("oasis.camunda.jobs.failed").tags("process", PROCESS, "activity", STEP).gauge().value();
    }
}
