package io.oasis.order.workflow;

import java.util.List;

/**
 * What a migration did: the plan the engine generated, the instances it moved (and how many of their
 * failed jobs were given retries again), and those it could not move, with the engine's reasons.
 *
 * @param migratedBy the caller's subject, as order histories record actors
 */
public record MigrationResult(String key, int fromVersion, int toVersion, String sourceDefinitionId,
        String targetDefinitionId, String migratedBy, List<Instruction> plan, List<Moved> moved,
        List<NotMoved> notMoved) {

    /** One instruction of the plan: instances at the source activity go to the target activity. */
    public record Instruction(String sourceActivityId, String targetActivityId, boolean updateEventTrigger) {
    }

    /**
     * @param businessKey the instance's business key (the order id, for orders)
     * @param jobsRetried its failed jobs that got their retries back, so the instance resumes
     */
    public record Moved(String processInstanceId, String businessKey, int jobsRetried) {
    }

    public record NotMoved(String processInstanceId, String businessKey, List<Failure> failures) {
    }

    /** Why an instance could not move: at one activity, or (activityId null) as a whole. */
    public record Failure(String activityId, String message) {
    }
}
