package io.oasis.order.camunda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.oasis.common.metrics.MetricsProperties;
import io.oasis.common.metrics.RefreshedGauges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What hurts in the engine, for Prometheus (Camunda 7 has no Micrometer binding of its own):
 * <ul>
 * <li>{@code oasis.camunda.incidents{process, activity, type}}: open incidents, from the engine's statistics
 * queries; {@code oasis.camunda.jobs.failed{process, activity}}: jobs out of retries. Every activity once seen
 * keeps its series (0 when resolved), so an alert resolves instead of going stale; every activity that runs
 * as a job has its series from the start.</li>
 * <li>{@code oasis.camunda.jobs.due}: jobs that are due now, waiting for or in execution; it grows when the
 * job executor falls behind.</li>
 * <li>{@code oasis.camunda.job.events{metric}}: the job executor's own counters (acquisition attempts,
 * acquired, acquisition failures, rejected, succeeded, failed, locked exclusively), this node's total: what it
 * has reported to the engine's meter log plus what it counted since. They can dip once when history cleanup
 * removes old meter log rows, which Prometheus reads as a counter reset.</li>
 * </ul>
 */
@Component
public class EngineMeters extends RefreshedGauges {

    /** Camunda's job metrics, by the tag value they get here. */
    static final List<String> JOB_METRICS = List.of(Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS,
            Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_EXECUTION_REJECTED, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED,
            Metrics.JOB_LOCKED_EXCLUSIVE);

    private final ProcessEngineConfigurationImpl engine;
    private final ManagementService management;
    private final RepositoryService repository;
    private final MultiGauge incidents;
    private final MultiGauge failedJobs;
    private final AtomicLong dueJobs = new AtomicLong();
    private final Map<String, AtomicLong> jobEvents = new LinkedHashMap<>();
    private final Set<Tags> seenIncidents = new HashSet<>();
    private final Set<Tags> seenFailedJobs = new HashSet<>();
    private final Set<String> seededDefinitions = new HashSet<>();

    @Autowired
    public EngineMeters(ProcessEngineConfigurationImpl engine, MeterRegistry meters, MetricsProperties settings) {
        this(engine, meters, settings.getRefreshInterval());
    }

    public EngineMeters(ProcessEngineConfigurationImpl engine, MeterRegistry meters, Duration interval) {
        super("camunda", interval);
        this.engine = engine;
        this.management = engine.getManagementService();
        this.repository = engine.getRepositoryService();
        incidents = MultiGauge.builder("oasis.camunda.incidents")
                .description("Open incidents, by process, activity and incident type").register(meters);
        failedJobs = MultiGauge.builder("oasis.camunda.jobs.failed")
                .description("Jobs out of retries, by process and activity").register(meters);
        Gauge.builder("oasis.camunda.jobs.due", dueJobs, AtomicLong::get)
                .description("Jobs due now, waiting for the job executor or running").register(meters);
        for (String metric : JOB_METRICS) {
            AtomicLong total = new AtomicLong();
            jobEvents.put(metric, total);
            FunctionCounter.builder("oasis.camunda.job.events", total, AtomicLong::get).tag("metric", metric)
                    .description("The job executor's counters (Camunda's job metrics), this node's total")
                    .register(meters);
        }
    }

    @Override
    protected synchronized void refresh() {
        seedJobActivities();
        Map<Tags, Long> openIncidents = new HashMap<>();
        Map<Tags, Long> outOfRetries = new HashMap<>();
        List<ProcessDefinitionStatistics> definitions = management.createProcessDefinitionStatisticsQuery()
                .includeFailedJobs().includeIncidents().list();
        for (ProcessDefinitionStatistics definition : definitions) {
            if (definition.getFailedJobs() == 0 && definition.getIncidentStatistics().isEmpty()) {
                continue;
            }
            String process = definition.getKey();
            for (ActivityStatistics activity : management.createActivityStatisticsQuery(definition.getId())
                    .includeFailedJobs().includeIncidents().list()) {
                if (activity.getFailedJobs() > 0) {
                    outOfRetries.merge(Tags.of("process", process, "activity", activity.getId()),
                            (long) activity.getFailedJobs(), Long::sum);
                }
                for (IncidentStatistics incident : activity.getIncidentStatistics()) {
                    openIncidents.merge(Tags.of("process", process, "activity", activity.getId(), "type",
                            incident.getIncidentType()), (long) incident.getIncidentCount(), Long::sum);
                }
            }
        }
        publish(incidents, seenIncidents, openIncidents);
        publish(failedJobs, seenFailedJobs, outOfRetries);
        dueJobs.set(management.createJobQuery().executable().active().count());
        refreshJobEvents();
    }

    private void refreshJobEvents() {
        if (!engine.isMetricsEnabled()) {
            return;
        }
        String reporter = engine.isDbMetricsReporterActivate()
                ? engine.getDbMetricsReporter().getMetricsCollectionTask().getReporter() : null;
        jobEvents.forEach((metric, total) -> {
            Meter unreported = engine.getMetricsRegistry().getDbMeterByName(metric);
            long reported = reporter == null ? 0 : management.createMetricsQuery().name(metric).reporter(reporter).sum();
            total.set(reported + (unreported == null ? 0 : unreported.get()));
        });
    }

    private static void publish(MultiGauge gauge, Set<Tags> seen, Map<Tags, Long> current) {
        seen.addAll(current.keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Tags tags : seen) {
            rows.add(MultiGauge.Row.of(tags, current.getOrDefault(tags, 0L)));
        }
        gauge.register(rows, true);
    }

    /**
     * Every activity of the latest process versions that runs as a job (async, or a timer), at 0: a dashboard
     * lists them before anything fails, and the first incident is a change an alert sees.
     */
    private void seedJobActivities() {
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            if (seededDefinitions.contains(definition.getId())) {
                continue;
            }
            BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
            if (model != null) {
                Set<String> jobActivities = new HashSet<>();
                for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                    if (runsAsJob(node)) {
                        jobActivities.add(node.getId());
                    }
                }
                for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
                    if (timer.getParentElement() instanceof FlowNode event) {
                        jobActivities.add(event.getId());
                    }
                }
                for (String activity : jobActivities) {
                    seenIncidents.add(Tags.of("process", definition.getKey(), "activity", activity, "type",
                            Incident.FAILED_JOB_HANDLER_TYPE));
                    seenFailedJobs.add(Tags.of("process", definition.getKey(), "activity", activity));
                }
            }
            seededDefinitions.add(definition.getId());
        }
    }

    /** Async before or after; the model API refuses the question for some elements (an event-based gateway). */
    private static boolean runsAsJob(FlowNode node) {
        try {
            return node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter();
        } catch (UnsupportedOperationException notForThisElement) {
            return node.isCamundaAsyncBefore();
        }
    }
}
