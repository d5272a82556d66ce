package io.oasis.testsupport;

import io.oasis.keycloak.KeycloakServer;
import io.oasis.testsupport.RealParts.Part;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Reads {@link RealParts} for Spring's test context (listed in {@code META-INF/spring.factories}): the parts
 * are started before the context, so a stopped PostgreSQL fails with {@link Postgres}'s message first, and
 * their properties come before every other source, as {@code @DynamicPropertySource} ones would.
 */
public class RealPartsContext implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        RealParts parts = TestContextAnnotationUtils.findMergedAnnotation(testClass, RealParts.class);
        return parts == null ? null : new Wiring(EnumSet.copyOf(List.of(parts.value())));
    }

    /** Equal for equal parts: part of the key under which Spring caches and reuses the context. */
    private record Wiring(Set<Part> parts) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (parts.contains(Part.POSTGRES)) {
                Postgres db = Postgres.database();
                properties.put("spring.datasource.url", db.jdbcUrl());
                properties.put("spring.datasource.username", db.username());
                properties.put("spring.datasource.password", db.password());
            }
            if (parts.contains(Part.KAFKA)) {
                properties.put("camel.component.kafka.brokers", Kafka.bootstrapServers());
                properties.put("spring.kafka.bootstrap-servers", Kafka.bootstrapServers());
            }
            if (parts.contains(Part.KEYCLOAK)) {
                KeycloakServer keycloak = Keycloak.server();
                properties.put("oasis.security.issuer-uri", keycloak.issuerUri());
                properties.put("oasis.security.jwk-set-uri", keycloak.jwkSetUri());
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realParts", properties));
        }
    }
}
