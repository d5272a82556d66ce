package io.oasis.gateway.docs;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Swagger UI at /api/v1/docs: the swagger-ui webjar's own files, but for the initializer the distribution
 * leaves to its users (classpath:/gateway-docs/swagger-initializer.js), which points it at /api/v1/openapi.json.
 */
public class SwaggerUi {

    public static final String PATH = "/api/v1/docs";

    public void install(Router router) {
        router.get(PATH).handler(SwaggerUi::toIndex);
        router.get(PATH + "/").handler(SwaggerUi::toIndex);
        router.get(PATH + "/*")
                .handler(StaticHandler.create("gateway-docs"))
                .handler(StaticHandler.create("META-INF/resources/webjars/swagger-ui/" + webjarVersion()));
    }

    private static void toIndex(RoutingContext context) {
        context.response().setStatusCode(302).putHeader("Location", PATH + "/index.html");
        context.end();
    }

    private static String webjarVersion() {
        String location = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
