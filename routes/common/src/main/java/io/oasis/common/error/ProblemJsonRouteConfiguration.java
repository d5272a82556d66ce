package io.oasis.common.error;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private final ObjectMapper objectMapper;

    public ProblemJsonRouteConfiguration(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .process(this::writeProblem);
    }

    private void writeProblem(Exchange exchange) throws JsonProcessingException {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exchange.getIn() instanceof PlatformHttpMessage http
                && http.getRequest().getAttribute(BodySizeLimitFilter.LIMIT_EXCEEDED) != null) {
            // Camel's stream caching replaces the limit's exception by a "stream closed" one.
            failure = new PayloadTooLargeException("The request body is larger than the limit.");
        }
        String correlationId = exchange.getMessage().getHeader(CorrelationId.HEADER, String.class);
        String instance = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        Problem problem = Problems.from(failure, instance, correlationId);
        if (problem.status() >= 500) {
            LOG.error("Request {} failed", instance, failure);
        } else {
            LOG.debug("Request {} answered with {}: {}", instance, problem.status(), problem.detail());
        }
        // Only the problem goes back: drop request headers that would otherwise be echoed.
        exchange.getMessage().removeHeaders("*", CorrelationId.HEADER);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        exchange.getMessage().setBody(objectMapper.writeValueAsString(problem));
    }
}
