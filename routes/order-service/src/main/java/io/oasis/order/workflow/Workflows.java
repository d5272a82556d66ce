package io.oasis.order.workflow;

import io.oasis.common.error.NotFoundException;
import io.oasis.common.paging.PageResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

/**
 * What is deployed, read through the engine's own services: each process and decision key with its
 * latest version, the deployment it came with, and the instances and incidents on each version.
 */
@Service
public class Workflows {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final DeploymentActors actors;

    public Workflows(RepositoryService repository, RuntimeService runtime, ManagementService management,
            DeploymentActors actors) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.actors = actors;
    }

    /** Every process and decision key, by key, one page of them. */
    public PageResponse<WorkflowView> list(Pageable page) {
        List<Latest> latest = new ArrayList<>();
        repository.createProcessDefinitionQuery().latestVersion().list().forEach(definition -> latest.add(
                new Latest(definition.getKey(), WorkflowView.PROCESS, definition.getName(), definition.getVersion(),
                        definition.getId(), definition.getDeploymentId())));
        repository.createDecisionDefinitionQuery().latestVersion().list().forEach(definition -> latest.add(
                new Latest(definition.getKey(), WorkflowView.DECISION, definition.getName(), definition.getVersion(),
                        definition.getId(), definition.getDeploymentId())));
        latest.sort(Comparator.comparing(Latest::key).thenComparing(Latest::type));

        int from = (int) Math.min(page.getOffset(), latest.size());
        int to = Math.min(from + page.getPageSize(), latest.size());
        Map<String, List<ProcessDefinitionStatistics>> statistics = new HashMap<>();
        if (latest.subList(from, to).stream().anyMatch(workflow -> workflow.type().equals(WorkflowView.PROCESS))) {
            management.createProcessDefinitionStatisticsQuery().includeIncidents().list().forEach(definition ->
                    statistics.computeIfAbsent(definition.getKey(), key -> new ArrayList<>()).add(definition));
        }
        List<WorkflowView> items = latest.subList(from, to).stream()
                .map(workflow -> view(workflow, statistics.getOrDefault(workflow.key(), List.of())))
                .toList();
        int totalPages = (latest.size() + page.getPageSize() - 1) / page.getPageSize();
        return new PageResponse<>(items, page.getPageNumber(), page.getPageSize(), latest.size(), totalPages);
    }

    /**
     * One version of a process (or, if no process has the key, a decision), with its XML.
     *
     * @throws NotFoundException if neither has that key and version
     */
    public WorkflowVersionView version(String key, int version) {
        ProcessDefinition process = process(key, version);
        if (process != null) {
            List<ActivityStatistics> activities = management.createActivityStatisticsQuery(process.getId())
                    .includeFailedJobs().includeIncidents().list();
            List<WorkflowVersionView.ActivityCount> counts = activities.stream()
                    .map(activity -> new WorkflowVersionView.ActivityCount(activity.getId(), activity.getInstances(),
                            activity.getFailedJobs(), incidents(activity.getIncidentStatistics())))
                    .sorted(Comparator.comparing(WorkflowVersionView.ActivityCount::activityId))
                    .toList();
            return new WorkflowVersionView(key, WorkflowView.PROCESS, process.getName(), version,
                    process.getVersionTag(), process.getId(), process.getResourceName(),
                    deployment(process.getDeploymentId()), warnings(),
                    runtime.createProcessInstanceQuery().processDefinitionId(process.getId()).count(),
                    runtime.createIncidentQuery().processDefinitionId(process.getId()).count(), counts,
                    text(repository.getProcessModel(process.getId())));
        }
        DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .decisionDefinitionVersion(version).singleResult();
        if (decision == null) {
            throw new NotFoundException("No process or decision '" + key + "' has a version " + version + ".");
        }
        return new WorkflowVersionView(key, WorkflowView.DECISION, decision.getName(), version,
                decision.getVersionTag(), decision.getId(), decision.getResourceName(),
                deployment(decision.getDeploymentId()), warnings(), 0, 0, List.of(),
                text(repository.getDecisionModel(decision.getId())));
    }

    /** The process definition of this key and version, or null. */
    ProcessDefinition process(String key, int version) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionVersion(version)
                .singleResult();
    }

    private WorkflowView view(Latest workflow, List<ProcessDefinitionStatistics> versions) {
        List<WorkflowView.VersionCount> counts = new ArrayList<>();
        boolean latestCounted = false;
        for (ProcessDefinitionStatistics version : versions) {
            long incidents = incidents(version.getIncidentStatistics());
            boolean latest = version.getVersion() == workflow.version();
            if (latest || version.getInstances() > 0 || incidents > 0) {
                counts.add(new WorkflowView.VersionCount(version.getVersion(), version.getId(), version.getInstances(),
                        incidents));
                latestCounted |= latest;
            }
        }
        if (!latestCounted) {
            counts.add(new WorkflowView.VersionCount(workflow.version(), workflow.definitionId(), 0, 0));
        }
        counts.sort(Comparator.comparingInt(WorkflowView.VersionCount::version).reversed());
        return new WorkflowView(workflow.key(), workflow.type(), workflow.name(), workflow.version(),
                deployment(workflow.deploymentId()), warnings(), counts);
    }

    private WorkflowView.Deployment deployment(String id) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(id).singleResult();
        return new WorkflowView.Deployment(id, deployment.getName(), deployment.getSource(),
                actors.of(id).orElse(null), deployment.getDeploymentTime().toInstant());
    }

    /**
     * The model checks' warnings of a version. They are not kept anywhere the engine can be asked yet,
     * so there are none to show.
     */
    private static List<String> warnings() {
        return List.of();
    }

    private static long incidents(List<IncidentStatistics> statistics) {
        return statistics.stream().mapToLong(IncidentStatistics::getIncidentCount).sum();
    }

    private static String text(InputStream model) {
        try (model) {
            return new String(model.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Latest(String key, String type, String name, int version, String definitionId, String deploymentId) {
    }
}
