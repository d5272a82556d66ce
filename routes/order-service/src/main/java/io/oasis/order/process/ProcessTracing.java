package io.oasis.order.process;

import io.micrometer.observation.transport.Kind;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.tracing.TraceParents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * An order's process keeps the correlation id and the trace of the request that started it, however late
 * and on whichever thread its steps run (the job executor after an async continuation or a timer, a
 * callback's request after a message). At the start of an instance both are stored as process variables
 * ({@link #CORRELATION_ID}, {@link #TRACEPARENT}); each activity then runs inside a span of that trace
 * (a child of the start) with the correlation id in the MDC, so its log lines, its connector calls and the
 * events it writes carry both. A step that runs later than the work that scheduled it (the first of an engine
 * command: a job after an async continuation or a timer, the steps after a message) carries span links to the
 * span in which it was scheduled ({@link #SCHEDULED_BY}, the last step of the command before) and to the span
 * of another trace that resumed it, if any. Added by a parse listener to every activity of every deployed model,
 * so no diagram can leave it out; a span still open when the engine's command ends (a wait state) ends with the
 * command.
 */
@Component
public class ProcessTracing extends AbstractProcessEnginePlugin {

    /** Process variable: the correlation id of the request that started the instance. */
    public static final String CORRELATION_ID = "correlationId";
    /** Process variable: the W3C traceparent of the moment the instance started (null with tracing off). */
    public static final String TRACEPARENT = TraceParents.TRACEPARENT;
    /**
     * Process variable: the W3C traceparent of the last step an engine command ran for the instance, which is what
     * scheduled whatever runs next (null with tracing off). Written once per command, when it ends.
     */
    public static final String SCHEDULED_BY = "traceScheduledBy";

    private final TraceParents traceParents;
    /** The engine commands running on this thread (nested ones on top) with the spans they opened. */
    private final ThreadLocal<Deque<CommandSpans>> commands = ThreadLocal.withInitial(ArrayDeque::new);

    private final ExecutionListener recordStart = this::recordStart;
    private final ExecutionListener activityStarts = this::activityStarts;
    private final ExecutionListener activityEnds = this::activityEnds;

    public ProcessTracing(TraceParents traceParents) {
        this.traceParents = traceParents;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                // Called once the process is parsed: every activity, nested ones included, exists.
                processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, recordStart);
                addToActivities(processDefinition);
            }
        });
    }

    private void addToActivities(ScopeImpl scope) {
        for (ActivityImpl activity : scope.getActivities()) {
            activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, activityStarts);
            activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, activityEnds);
            addToActivities(activity);
        }
    }

    private void recordStart(DelegateExecution execution) {
        String correlationId = CorrelationId.current();
        if (correlationId != null && !execution.hasVariable(CORRELATION_ID)) {
            execution.setVariable(CORRELATION_ID, correlationId);
        }
        String traceparent = traceParents.current();
        if (traceparent != null && !execution.hasVariable(TRACEPARENT)) {
            execution.setVariable(TRACEPARENT, traceparent);
        }
    }

    private void activityStarts(DelegateExecution execution) {
        CommandSpans command = currentCommand();
        command.endFinished();
        Object correlationId = execution.getVariable(CORRELATION_ID);
        if (CorrelationId.current() == null && correlationId instanceof String id) {
            MDC.put(CorrelationId.MDC_KEY, id);
            command.correlationSet = true;
        }
        Object traceparent = execution.getVariable(TRACEPARENT);
        // The first step of a command runs later than the one that scheduled it, in an earlier command.
        Object scheduledBy = command.opened ? null : execution.getVariable(SCHEDULED_BY);
        String activityId = execution.getCurrentActivityId();
        TraceParents.Step step = traceParents.resume(traceparent instanceof String value ? value : null,
                scheduledBy instanceof String value ? value : null, "bpmn " + activityId, Kind.CONSUMER, Map.of(
                        "bpmn.process.definition", String.valueOf(execution.getProcessDefinitionId()),
                        "bpmn.activity.id", String.valueOf(activityId),
                        "bpmn.activity.name", String.valueOf(execution.getCurrentActivityName()),
                        "oasis.order.id", String.valueOf(execution.getProcessBusinessKey())));
        command.activities.push(new OpenActivity(execution.getId(), activityId, step));
        command.opened = true;
        if (step.traceparent() != null) {
            command.lastExecution = (ExecutionEntity) execution;
            command.lastStep = step.traceparent();
        }
    }

    private void activityEnds(DelegateExecution execution) {
        CommandSpans command = commands.get().peek();
        OpenActivity innermost = command == null ? null : command.activities.peek();
        // The span lasts until the next activity starts (or the command ends), so what runs on the way there (a
        // sequence flow's listener writing an event, say) is part of it. One left open on an error path ends with
        // its command.
        if (innermost != null && innermost.executionId().equals(execution.getId())
                && innermost.activityId().equals(execution.getCurrentActivityId())) {
            innermost.finished = true;
        }
    }

    /** The spans of the engine command running now, registered to end with it on first use. */
    private CommandSpans currentCommand() {
        CommandContext context = Context.getCommandContext();
        Deque<CommandSpans> running = commands.get();
        CommandSpans top = running.peek();
        if (top != null && top.context == context) {
            return top;
        }
        CommandSpans command = new CommandSpans(context);
        running.push(command);
        context.registerCommandContextListener(command);
        return command;
    }

    /**
     * What one engine command opened: its activities' spans (innermost first) and maybe the MDC's correlation
     * id. All end when the command does, succeeded or failed, and the MDC is left as the command found it.
     */
    private final class CommandSpans implements CommandContextListener {

        private final CommandContext context;
        private final Deque<OpenActivity> activities = new ArrayDeque<>();
        private boolean correlationSet;
        /** Whether a step was opened in this command (the first one links to what scheduled it). */
        private boolean opened;
        /** The execution of the last step opened in this command, and that step's traceparent. */
        private ExecutionEntity lastExecution;
        private String lastStep;

        CommandSpans(CommandContext context) {
            this.context = context;
        }

        @Override
        public void onCommandContextClose(CommandContext commandContext) {
            // Before the engine flushes the command: what runs next for the instance links to its last step.
            if (lastStep != null) {
                ExecutionEntity instance = lastExecution.getProcessInstance();
                if (instance != null && !instance.isEnded()) {
                    instance.setVariable(SCHEDULED_BY, lastStep);
                }
            }
            end(null);
        }

        @Override
        public void onCommandFailed(CommandContext commandContext, Throwable failure) {
            end(failure);
        }

        /** Ends the spans of activities that have ended, innermost first. */
        void endFinished() {
            while (!activities.isEmpty() && activities.peek().finished) {
                activities.pop().end(null);
            }
        }

        private void end(Throwable failure) {
            while (!activities.isEmpty()) {
                activities.pop().end(failure);
            }
            if (correlationSet) {
                MDC.remove(CorrelationId.MDC_KEY);
                correlationSet = false;
            }
            Deque<CommandSpans> running = commands.get();
            running.remove(this);
            if (running.isEmpty()) {
                commands.remove();
            }
        }
    }

    private static final class OpenActivity {

        private final String executionId;
        private final String activityId;
        private final TraceParents.Step step;
        private boolean finished;

        OpenActivity(String executionId, String activityId, TraceParents.Step step) {
            this.executionId = executionId;
            this.activityId = activityId;
            this.step = step;
        }

        String executionId() {
            return executionId;
        }

        String activityId() {
            return activityId;
        }

        void end(Throwable failure) {
            if (failure != null) {
                step.error(failure);
            }
            step.close();
        }
    }
}
