package io.oasis.order.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A refused deployment is reported one line per problem; only the packaged models at start-up are let pass. */
class DeploymentLogTest {

    private static final List<Finding> TYPO = List.of(new Finding("order-lifecycle.bpmn", "Task_ReserveInventory",
            "Delegate expression ${callConnectr} names 'callConnectr', which is no bean of this service", true));

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final DeploymentLog deploymentLog = new DeploymentLog(null);

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) DeploymentLog.LOG).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) DeploymentLog.LOG).detachAppender(log);
    }

    @Test
    void aRefusedDeploymentIsReportedAndFailsTheCaller() {
        deploymentLog.setNext(new Refusing(false));

        assertThatThrownBy(() -> deploymentLog.execute(new DeployCmd(null))).isInstanceOf(ModelRefusedException.class);
        assertThat(lines()).containsExactly("Refused order-lifecycle.bpmn Task_ReserveInventory: Delegate expression "
                + "${callConnectr} names 'callConnectr', which is no bean of this service; the previous version keeps serving");
    }

    @Test
    void refusedPackagedModelsDoNotStopTheService() {
        deploymentLog.setNext(new Refusing(true));

        assertThat(deploymentLog.execute(new DeployCmd(null))).isNull();
        assertThat(lines()).hasSize(2).last().asString().contains("starts with the versions deployed before");
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private record Refusing(boolean atStartUp) implements org.camunda.bpm.engine.impl.interceptor.CommandExecutor {

        @Override
        public <T> T execute(org.camunda.bpm.engine.impl.interceptor.Command<T> command) {
            throw new ModelRefusedException(TYPO, atStartUp);
        }
    }
}
