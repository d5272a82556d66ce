package io.oasis.common.web;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpAutoConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.web.servlet.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service's REST routes run on the servlet thread of their request (see {@link ServletThreadHttpEngine}),
 * called by Spring MVC's dispatcher directly (see {@link PlatformHttpHandlerAdapter}).
 */
@AutoConfiguration(before = SpringBootPlatformHttpAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SpringBootPlatformHttpAutoConfiguration.class)
public class WebAutoConfiguration {

    // The name the stock engine is registered under, so that anything looking it up by name finds this one.
    @Bean(name = "platform-http-engine")
    @ConditionalOnMissingBean(PlatformHttpEngine.class)
    PlatformHttpEngine servletThreadHttpEngine(Environment environment) {
        return new ServletThreadHttpEngine(environment.getProperty("server.port", Integer.class, 8080));
    }

    @Bean
    PlatformHttpHandlerAdapter platformHttpHandlerAdapter() {
        return new PlatformHttpHandlerAdapter();
    }

    /**
     * Moves the actuator's handler mappings (order -100) behind the REST routes' (-1). Spring MVC asks
     * each mapping in turn, so the actuator's was asked first about every API request: a lookup, and the
     * analysis of its miss, of no use to nearly all requests. Their paths do not overlap.
     */
    @Bean
    static BeanPostProcessor oasisActuatorMappingsAfterRoutes() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof AbstractWebMvcEndpointHandlerMapping mapping) {
                    mapping.setOrder(0);
                }
                return bean;
            }
        };
    }
}
