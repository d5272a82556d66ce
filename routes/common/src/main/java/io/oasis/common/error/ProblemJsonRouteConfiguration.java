package io.oasis.common.error;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.oasis.common.correlation.CorrelationId;

/**
 * The one error handling of every HTTP-facing route: any exception becomes an
 * {@code application/problem+json} response (see {@link Problems} for the mapping).
 *
 * <p>Routes opt in by id, from Java {@code from(...).routeConfigurationId(ProblemJsonRouteConfiguration.ID)}
 * or YAML {@code routeConfigurationId: problem-json}. Event consumers and the outbox relay do not use
 * it: a failed event must be retried, not answered.
 */
public class ProblemJsonRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "problem-json";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemJsonRouteConfiguration.class);

    private final ProblemWriter problems;

    public ProblemJsonRouteConfiguration(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .process(this::writeProblem);
    }

    private void writeProblem(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exchange.getIn() instanceof PlatformHttpMessage http
                && http.getRequest().getAttribute(BodySizeLimitFilter.LIMIT_EXCEEDED) != null) {
            // Camel's stream caching replaces the limit's exception by a "stream closed" one.
            failure = new PayloadTooLargeException("The request body is larger than the limit.");
        }
        String instance = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        ProblemWriter.Answer answer = problems.answer(failure, instance,
                exchange.getMessage().getHeader(CorrelationId.HEADER, String.class));
        if (answer.status() >= 500) {
            LOG.error("Request {} failed", instance, failure);
        } else {
            LOG.debug("Request {} answered with {}: {}", instance, answer.status(), failure.getMessage());
        }
        problems.write(exchange, answer);
    }
}
