package io.oasis.platform;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;

/**
 * Keeps the engine's own report of a refused model (ENGINE-16004, with its stack trace) off the console: the
 * deployment log has already said there, in one line per problem, which file and element are wrong and why.
 * The JSON log keeps the engine's report too.
 */
public final class RefusedModelFilter extends Filter<ILoggingEvent> {

    private static final String ENGINE_CONTEXT = "org.camunda.bpm.engine.context";
    private static final Set<String> REFUSALS = Set.of("org.camunda.bpm.engine.ParseException",
            "io.oasis.order.workflow.ModelRefusedException");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return ENGINE_CONTEXT.equals(event.getLoggerName()) && thrown != null && REFUSALS.contains(thrown.getClassName())
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
