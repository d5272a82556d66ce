package io.oasis.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/** REST routes are called by the dispatcher through {@link PlatformHttpHandlerAdapter}; Spring MVC still maps them. */
class PlatformHttpHandlerAdapterTest extends IntegrationTest {

    @Autowired
    List<HandlerMapping> mappings;
    @Autowired
    List<HandlerAdapter> adapters;

    @Test
    void theDispatcherCallsARestRouteThroughThisAdapter() throws Exception {
        assertThat(adapterFor("GET", "/api/v1/samples/fail")).isInstanceOf(PlatformHttpHandlerAdapter.class);
        assertThat(adapterFor("POST", "/api/v1/samples")).isInstanceOf(PlatformHttpHandlerAdapter.class);
    }

    @Test
    void otherHandlersKeepSpringsAdapters() throws Exception {
        assertThat(adapterFor("GET", "/actuator/health")).isNotInstanceOf(PlatformHttpHandlerAdapter.class);
    }

    @Test
    void aRouteAnswersThroughIt() throws Exception {
        String id = createSample("adapter", 2);

        HttpResponse<String> read = send(request("/api/v1/samples/" + id).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(fields(read)).containsEntry("id", id).containsEntry("name", "adapter");
    }

    @Test
    void aWrongMethodIsStillRefusedWithTheAllowedOnes() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/samples/fail").DELETE());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    /** The adapter the dispatcher would use: the first that supports the first mapping's handler, in their order. */
    private HandlerAdapter adapterFor(String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        List<HandlerMapping> ordered = new ArrayList<>(mappings);
        AnnotationAwareOrderComparator.sort(ordered);
        Object handler = null;
        for (HandlerMapping mapping : ordered) {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain != null) {
                handler = chain.getHandler();
                break;
            }
        }
        assertThat(handler).as("handler of %s %s", method, path).isNotNull();
        List<HandlerAdapter> sorted = new ArrayList<>(adapters);
        AnnotationAwareOrderComparator.sort(sorted);
        for (HandlerAdapter adapter : sorted) {
            if (adapter.supports(handler)) {
                return adapter;
            }
        }
        throw new AssertionError("no adapter for " + handler);
    }
}
