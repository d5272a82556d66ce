package io.oasis.common.boot;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts one Oasis service. Each service reads its own {@code <name>.yml} rather than a
 * shared {@code application.yml}, so several services can run side by side in one JVM
 * (the platform launcher) without picking up each other's configuration. For the same reason a
 * service loads YAML routes from its own folder, {@code camel/<name>/}, unless its configuration
 * says otherwise: Camel's default ({@code camel/*}) would load every service's routes into each.
 */
public final class OasisService {

    private OasisService() {
    }

    public static SpringApplicationBuilder builder(Class<?> application, String name) {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + name, "spring.application.name=" + name,
                        "camel.main.routes-include-pattern=classpath:camel/" + name + "/*.camel.yaml");
    }
}
