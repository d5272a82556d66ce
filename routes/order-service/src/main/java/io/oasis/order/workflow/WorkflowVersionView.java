package io.oasis.order.workflow;

import java.util.List;

/**
 * One version of a process or decision, with its model: where its running instances are, per activity,
 * so a migration can name them, and the BPMN (or DMN) XML as deployed.
 */
public record WorkflowVersionView(String key, String type, String name, int version, String versionTag,
        String definitionId, String resourceName, WorkflowView.Deployment deployment, List<String> warnings,
        long runningInstances, long openIncidents, List<ActivityCount> activities, String xml) {

    /**
     * The instances at one activity of this version.
     *
     * @param failedJobs jobs there that have spent their retries
     * @param incidents  open incidents there
     */
    public record ActivityCount(String activityId, long instances, long failedJobs, long incidents) {
    }
}
