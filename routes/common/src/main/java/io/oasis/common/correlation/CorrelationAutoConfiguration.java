package io.oasis.common.correlation;

import org.apache.camel.spi.RoutePolicyFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

/** Correlation ids for HTTP requests, Camel exchanges and outbound Spring HTTP clients. */
@AutoConfiguration
public class CorrelationAutoConfiguration {

    static {
        // Work handed to another thread with Micrometer's context propagation (a connector call, say) keeps the id.
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(CorrelationId.MDC_KEY));
    }

    /** Runs before every other filter (security included) so even a 401 carries the id. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public FilterRegistrationBean<CorrelationIdFilter> oasisCorrelationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Picked up by Camel for every route. */
    @Bean
    public RoutePolicyFactory oasisCorrelationRoutePolicyFactory() {
        return (camelContext, routeId, route) -> new CorrelationRoutePolicy();
    }

    /** Spring's RestClient passes the current id on, like camel-http does with the header. */
    @Bean
    @ConditionalOnClass(RestClientCustomizer.class)
    public RestClientCustomizer oasisCorrelationRestClientCustomizer() {
        return builder -> builder.requestInterceptor((request, body, execution) -> {
            String id = CorrelationId.current();
            if (id != null && !request.getHeaders().containsKey(CorrelationId.HEADER)) {
                request.getHeaders().set(CorrelationId.HEADER, id);
            }
            return execution.execute(request, body);
        });
    }
}
