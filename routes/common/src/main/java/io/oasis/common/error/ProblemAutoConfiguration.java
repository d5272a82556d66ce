package io.oasis.common.error;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * problem+json everywhere: the {@code problem-json} route configuration for Camel routes, and for
 * errors outside them an error controller (replacing Spring Boot's whitelabel/JSON error) and the
 * request body size limit ({@code oasis.http.max-body-size}, default 1MB).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class, after = JacksonAutoConfiguration.class)
public class ProblemAutoConfiguration {

    @Bean
    public ProblemWriter oasisProblemWriter(ObjectMapper objectMapper) {
        return new ProblemWriter(objectMapper);
    }

    @Bean
    public ProblemJsonRouteConfiguration oasisProblemJsonRouteConfiguration(ProblemWriter problems) {
        return new ProblemJsonRouteConfiguration(problems);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public ProblemErrorController oasisProblemErrorController(ProblemWriter problems) {
        return new ProblemErrorController(problems);
    }

    /** Right after the correlation id filter, before security and before anything reads the body. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public FilterRegistrationBean<BodySizeLimitFilter> oasisBodySizeLimitFilter(Environment environment,
            ProblemWriter problems) {
        DataSize max = environment.getProperty("oasis.http.max-body-size", DataSize.class, DataSize.ofMegabytes(1));
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(max.toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
