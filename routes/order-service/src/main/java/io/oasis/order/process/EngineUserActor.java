package io.oasis.order.process;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A user task completed by a signed-in engine user (an admin on engine-rest, a Tasklist user) records
 * that user as {@code reviewedBy}, whatever variables the request sent: the actor in an order's history
 * is who acted, never what a form claimed. The order API completes tasks without an engine user and
 * sets {@code reviewedBy} from the caller's token itself. Added to every user task of every deployed
 * model, so no diagram can leave it out.
 */
@Component
public class EngineUserActor extends AbstractProcessEnginePlugin {

    private static final TaskListener RECORD_ACTOR = EngineUserActor::recordActor;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, RECORD_ACTOR);
                }
            }
        });
    }

    static void recordActor(DelegateTask task) {
        Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user != null && user.getUserId() != null) {
            task.setVariable(OrderProcess.REVIEWED_BY, user.getUserId());
        }
    }
}
