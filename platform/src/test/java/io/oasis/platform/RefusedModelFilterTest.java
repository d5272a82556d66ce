package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** The console shows a refused model once, in the deployment log's words, and every other engine error as before. */
class RefusedModelFilterTest {

    private final RefusedModelFilter filter = new RefusedModelFilter();
    private final LoggerContext context = new LoggerContext();

    @Test
    void theEnginesReportOfARefusedModelStaysOffTheConsole() {
        assertThat(filter.decide(event("org.camunda.bpm.engine.context",
                new ParseException("refused", "order-lifecycle.bpmn", List.of(), List.of())))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void otherEngineErrorsStillShow() {
        assertThat(filter.decide(event("org.camunda.bpm.engine.context", new ProcessEngineException("database away"))))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("io.oasis.order.workflow.DeploymentLog",
                new ParseException("refused", "order-lifecycle.bpmn", List.of(), List.of())))).isEqualTo(FilterReply.NEUTRAL);
    }

    private LoggingEvent event(String logger, Throwable thrown) {
        return new LoggingEvent(getClass().getName(), context.getLogger(logger), Level.ERROR, "ENGINE-16004", thrown, null);
    }
}
