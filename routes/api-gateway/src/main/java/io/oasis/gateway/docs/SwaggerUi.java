package io.oasis.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Swagger UI at /api/v1/docs: the swagger-ui webjar's files, with our own page and initializer
 * (classpath:/gateway-docs/) pointing it at /api/v1/openapi.json.
 */
public class SwaggerUi implements WebMvcConfigurer {

    public static final String PATH = "/api/v1/docs";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "/**")
                .addResourceLocations("classpath:/gateway-docs/",
                        "classpath:/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PATH, PATH + "/index.html");
        registry.addRedirectViewController(PATH + "/", PATH + "/index.html");
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
