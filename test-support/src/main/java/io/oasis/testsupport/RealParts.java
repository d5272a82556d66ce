package io.oasis.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real parts a Spring Boot test's service runs on: each is started on first use (one per test JVM, see
 * {@link Postgres}, {@link Kafka}, {@link Keycloak}) and its properties are set before the context starts.
 * Test classes that name the same parts (and otherwise the same configuration) share one Spring context.
 *
 * <pre>{@code
 * @SpringBootTest(classes = MyApplication.class, webEnvironment = RANDOM_PORT)
 * @RealParts({ Part.POSTGRES, Part.KAFKA, Part.KEYCLOAK })
 * public abstract class MyServiceTestBase extends ServiceTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealParts {

    Part[] value();

    enum Part {
        /** This JVM's database: {@code spring.datasource.url}, {@code username} and {@code password}. */
        POSTGRES,
        /** The embedded broker: {@code camel.component.kafka.brokers} and {@code spring.kafka.bootstrap-servers}. */
        KAFKA,
        /** The realm's issuer and keys: {@code oasis.security.issuer-uri} and {@code oasis.security.jwk-set-uri}. */
        KEYCLOAK
    }
}
