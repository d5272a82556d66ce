package io.oasis.common.web;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpAutoConfiguration;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The services' REST routes on Camel's platform-http for Spring Boot, as it comes, with two settings:
 * each route reads its request body as the bytes that were sent, and a body no route can take is
 * refused before a route runs ({@link RequestContentFilter}).
 */
@AutoConfiguration(after = SpringBootPlatformHttpAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(CamelRequestHandlerMapping.class)
public class WebAutoConfiguration {

    /**
     * platform-http's {@code useStreaming} endpoint option: the body is read from the request's byte stream,
     * not decoded by its Reader in whatever charset the request declared (invalid bytes replaced, a signed
     * body re-encoded). {@link RequestJson} decodes it strictly as UTF-8.
     */
    @Bean
    CamelContextConfiguration oasisRequestBodiesAsSent() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                RestConfiguration rest = context.getRestConfiguration();
                Map<String, Object> properties = new HashMap<>();
                if (rest.getEndpointProperties() != null) {
                    properties.putAll(rest.getEndpointProperties());
                }
                properties.putIfAbsent("useStreaming", "true");
                rest.setEndpointProperties(properties);
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
            }
        };
    }

    /** After the security chain, so a caller without a token still learns that first. */
    @Bean
    FilterRegistrationBean<RequestContentFilter> oasisRequestContentFilter() {
        FilterRegistrationBean<RequestContentFilter> registration = new FilterRegistrationBean<>(new RequestContentFilter());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
