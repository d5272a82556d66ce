package io.oasis.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.IntegrationTest;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.servlet.WebMvcEndpointHandlerMapping;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.web.servlet.HandlerMapping;

/** Each request's handler is looked up once, by the mapping that holds it first. */
class RequestLookupTest extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    List<HandlerMapping> mappings;

    @Test
    void theSecurityChainDoesNotLookUpTheHandlerOfEveryRequest() throws Exception {
        Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
        assertThat(chain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");

        assertThat(send(request("/api/v1/private")).statusCode()).as("a token is still required").isEqualTo(401);
        assertThat(send(request("/api/v1/samples/fail")).statusCode()).as("public paths stay open").isEqualTo(500);
    }

    @Test
    void theRestRoutesAreAskedBeforeTheActuator() {
        // In the dispatcher's order (PlatformHttpHandlerAdapterTest checks each still maps its own paths).
        List<HandlerMapping> ordered = new ArrayList<>(mappings);
        AnnotationAwareOrderComparator.sort(ordered);
        int routes = indexOf(ordered, CamelRequestHandlerMapping.class);
        int actuator = indexOf(ordered, WebMvcEndpointHandlerMapping.class);
        assertThat(routes).isNotNegative().isLessThan(actuator);
    }

    private static int indexOf(List<HandlerMapping> mappings, Class<?> type) {
        for (int i = 0; i < mappings.size(); i++) {
            if (type.isInstance(mappings.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
