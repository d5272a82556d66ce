package io.oasis.order.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A deployed process or decision as the workflows API lists it: its latest version, how that got
 * there, and the versions that still have running instances or open incidents.
 *
 * @param type     {@code process} or {@code decision}
 * @param warnings what the model checks reported for the latest version, when it was deployed
 * @param versions the latest version and every older one with running instances or open incidents, newest first
 */
public record WorkflowView(String key, String type, String name, int latestVersion, Deployment deployment,
        List<String> warnings, List<VersionCount> versions) {

    public static final String PROCESS = "process";
    public static final String DECISION = "decision";

    /**
     * The deployment a version came with.
     *
     * @param source     what deployed it, as it told the engine (e.g. {@code Camunda Modeler}, the workflow
     *                   folder, or the service's packaged files at start-up)
     * @param deployedBy the signed-in user who deployed it; null when no user did (folder, start-up)
     */
    public record Deployment(String id, String name, String source, DeploymentActors.Actor deployedBy,
            Instant deployedAt) {
    }

    /** How many instances run on a version, and how many incidents are open on them (decisions: none). */
    public record VersionCount(int version, String definitionId, long runningInstances, long openIncidents) {
    }
}
