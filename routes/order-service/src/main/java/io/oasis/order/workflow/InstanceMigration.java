package io.oasis.order.workflow;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves running instances of a process from one version to another, e.g. orders stranded on a version
 * with a broken task onto one that is fixed. The engine generates the plan (equal activity ids map to
 * each other) and validates every instance against it.
 * <p>
 * The move runs synchronously, in the request's transaction, so the answer says exactly what moved and
 * each moved instance gets its failed jobs' retries back in the same commit; a request may move up to
 * {@code oasis.workflows.migration.max-instances} at once (name activities to move more in parts). An
 * instance the engine refuses must not stop the others, and a refusal inside a transaction spoils it:
 * so the move is first tried in a transaction that is always rolled back, the refused instances taken
 * out, and only those that passed are moved.
 */
@Service
public class InstanceMigration {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceMigration.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final Workflows workflows;
    private final TransactionTemplate rolledBack;
    private final Clock clock;
    private final int retries;
    private final int maxInstances;

    public InstanceMigration(ProcessEngine engine, Workflows workflows, PlatformTransactionManager transactions,
            Clock clock, @Value("${oasis.workflows.migration.max-instances}") int maxInstances) {
        this.repository = engine.getRepositoryService();
        this.runtime = engine.getRuntimeService();
        this.management = engine.getManagementService();
        this.workflows = workflows;
        this.rolledBack = new TransactionTemplate(transactions);
        this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        // As many tries as a new job gets.
        this.retries = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDefaultNumberOfRetries();
        this.maxInstances = maxInstances;
    }

    /**
     * Checks the request, generates the plan and moves every instance that the engine accepts; to be run
     * in a transaction. Bad input changes nothing: 404 for a process or version that does not exist, 400
     * for the same version twice or an activity the source version does not have, 409 when the engine
     * cannot map the versions at all (with its reason per activity).
     */
    public MigrationResult migrate(String key, MigrationRequest request, CurrentUser caller) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
            throw new NotFoundException("No process '" + key + "' is deployed.");
        }
        ProcessDefinition source = version(key, request.fromVersion());
        ProcessDefinition target = version(key, request.toVersion());
        if (source.getId().equals(target.getId())) {
            throw InvalidRequestException.field("toVersion", "must differ from fromVersion");
        }
        checkActivities(source, request.activities());
        MigrationPlan plan = plan(source, target);

        ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processDefinitionId(source.getId());
        if (!request.activities().isEmpty()) {
            query.activityIdIn(request.activities().toArray(String[]::new));
        }
        long count = query.count();
        if (count > maxInstances) {
            throw InvalidRequestException.field("activityIds", count + " instances match, more than " + maxInstances
                    + " at once: name activities to move them in parts");
        }
        Map<String, String> businessKeys = query.orderByProcessInstanceId().asc().list().stream()
                .collect(Collectors.toMap(ProcessInstance::getId, instance -> String.valueOf(instance.getBusinessKey()),
                        (a, b) -> a, java.util.LinkedHashMap::new));

        List<String> movable = new ArrayList<>(businessKeys.keySet());
        List<MigrationResult.NotMoved> notMoved = new ArrayList<>();
        refuseWhatTheEngineRefuses(plan, movable, (instance, failures) ->
                notMoved.add(new MigrationResult.NotMoved(instance, businessKeys.get(instance), failures)));

        List<MigrationResult.Moved> moved = new ArrayList<>();
        if (!movable.isEmpty()) {
            try {
                runtime.newMigration(plan).processInstanceIds(movable).execute();
            } catch (ProcessEngineException e) {
                throw new ConflictException("The instances changed while they were being moved, and none was: "
                        + "ask again. (" + e.getMessage() + ")");
            }
            for (String instance : movable) {
                moved.add(new MigrationResult.Moved(instance, businessKeys.get(instance), resume(instance)));
            }
        }
        LOG.info("Instances of process {} moved from version {} to {} by {}: {} moved, {} not moved", key,
                source.getVersion(), target.getVersion(), caller.subject(), moved.size(), notMoved.size());
        List<MigrationResult.Instruction> instructions = plan.getInstructions().stream()
                .map(instruction -> new MigrationResult.Instruction(instruction.getSourceActivityId(),
                        instruction.getTargetActivityId(), instruction.isUpdateEventTrigger()))
                .toList();
        return new MigrationResult(key, source.getVersion(), target.getVersion(), source.getId(), target.getId(),
                caller.subject(), instructions, moved, notMoved);
    }

    private ProcessDefinition version(String key, int version) {
        ProcessDefinition definition = workflows.process(key, version);
        if (definition == null) {
            throw new NotFoundException("Process '" + key + "' has no version " + version + ".");
        }
        return definition;
    }

    private void checkActivities(ProcessDefinition source, List<String> activityIds) {
        if (activityIds.isEmpty()) {
            return;
        }
        var model = repository.getBpmnModelInstance(source.getId());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < activityIds.size(); i++) {
            if (!(model.getModelElementById(activityIds.get(i)) instanceof FlowNode)) {
                errors.add(new FieldError("activityIds[" + i + "]", "'" + activityIds.get(i)
                        + "' is not an activity of version " + source.getVersion()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request names activities the source version does not have.", errors);
        }
    }

    private MigrationPlan plan(ProcessDefinition source, ProcessDefinition target) {
        try {
            return runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities()
                    .updateEventTriggers().build();
        } catch (MigrationPlanValidationException e) {
            List<FieldError> errors = new ArrayList<>();
            e.getValidationReport().getInstructionReports().forEach(report -> report.getFailures().forEach(failure ->
                    errors.add(new FieldError(report.getMigrationInstruction().getSourceActivityId(),
                            failure + " (to " + report.getMigrationInstruction().getTargetActivityId() + ")"))));
            throw new ConflictException("The engine cannot move instances from version " + source.getVersion()
                    + " to version " + target.getVersion() + ": nothing was moved.", errors);
        }
    }

    /**
     * Takes out of {@code instances} each one the engine refuses to move, with its reasons. The engine stops at the
     * first instance it refuses and names it, so the rest are tried again without it, each trial rolled back: one
     * trial when all can move, one more per refusal. A failure that names no instance is found by trying each alone.
     */
    private void refuseWhatTheEngineRefuses(MigrationPlan plan, List<String> instances,
            BiConsumer<String, List<MigrationResult.Failure>> refused) {
        while (!instances.isEmpty()) {
            try {
                trial(plan, instances);
                return;
            } catch (MigratingProcessInstanceValidationException e) {
                String instance = e.getValidationReport().getProcessInstanceId();
                if (!instances.remove(instance)) {
                    break;
                }
                refused.accept(instance, failures(e.getValidationReport()));
            } catch (ProcessEngineException e) {
                break;
            }
        }
        for (String instance : List.copyOf(instances)) {
            try {
                trial(plan, List.of(instance));
            } catch (MigratingProcessInstanceValidationException e) {
                instances.remove(instance);
                refused.accept(instance, failures(e.getValidationReport()));
            } catch (ProcessEngineException e) {
                instances.remove(instance);
                refused.accept(instance, List.of(new MigrationResult.Failure(null, e.getMessage())));
            }
        }
    }

    /** Moves the instances in a transaction of its own that is always rolled back: what the engine would say. */
    private void trial(MigrationPlan plan, List<String> instances) {
        rolledBack.executeWithoutResult(status -> {
            status.setRollbackOnly();
            runtime.newMigration(plan).processInstanceIds(instances).execute();
        });
    }

    private static List<MigrationResult.Failure> failures(MigratingProcessInstanceValidationReport report) {
        List<MigrationResult.Failure> failures = new ArrayList<>();
        report.getFailures().forEach(failure -> failures.add(new MigrationResult.Failure(null, failure)));
        report.getActivityInstanceReports().forEach(activity -> activity.getFailures().forEach(failure ->
                failures.add(new MigrationResult.Failure(activity.getSourceScopeId(), failure))));
        report.getTransitionInstanceReports().forEach(transition -> transition.getFailures().forEach(failure ->
                failures.add(new MigrationResult.Failure(transition.getSourceScopeId(), failure))));
        return failures;
    }

    /** Gives the instance's failed jobs their retries back, due now (which also resolves their incidents). */
    private int resume(String instance) {
        List<String> failed = management.createJobQuery().processInstanceId(instance).noRetriesLeft().list().stream()
                .map(Job::getId).toList();
        if (!failed.isEmpty()) {
            management.setJobRetries(retries).jobIds(failed).dueDate(Date.from(clock.instant())).execute();
        }
        return failed.size();
    }
}
