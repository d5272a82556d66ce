package io.oasis.common.web;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpAutoConfiguration;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * platform-http's own Spring Boot engine, given an executor that runs each route on the servlet thread that
 * received its request. By default the engine hands every request over to Spring's task executor: one more
 * thread to wake per request, which on two busy cores showed in the gateway benchmark (bench/README.md) as
 * extra CPU in the services behind the gateway. The engine takes its executor in its constructor, and the
 * stock bean of the same name steps back for this one; requests in progress are bounded by Tomcat's threads.
 */
@AutoConfiguration(before = SpringBootPlatformHttpAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SpringBootPlatformHttpEngine.class)
public class PlatformHttpEngineAutoConfiguration {

    @Bean(name = "platform-http-engine")
    @ConditionalOnMissingBean(PlatformHttpEngine.class)
    PlatformHttpEngine platformHttpEngine(Environment environment) {
        return new SpringBootPlatformHttpEngine(environment.getProperty("server.port", Integer.class, 8080), Runnable::run);
    }
}
