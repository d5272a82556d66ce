package io.oasis.common.web;

import io.oasis.common.web.ServletThreadHttpEngine.ServletThreadConsumer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;

/**
 * Hands a request that Spring MVC mapped to a REST route straight to the route's consumer.
 *
 * <p>platform-http registers each route with Spring MVC as a handler method taking the request and
 * the response. The stock adapter would prepare a model, resolve both arguments, run method
 * validation and handle a return value on every call (about 6% of the CPU of a read, in the gateway
 * and in a service alike), none of which a consumer that answers by itself uses. The mapping stays
 * Spring MVC's, so 404, 405 with {@code Allow}, 415, CORS and interceptors are unchanged.
 */
public class PlatformHttpHandlerAdapter implements HandlerAdapter, Ordered {

    @Override
    public boolean supports(Object handler) {
        return handler instanceof HandlerMethod method && method.getBean() instanceof ServletThreadConsumer;
    }

    @Override
    public ModelAndView handle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ((ServletThreadConsumer) ((HandlerMethod) handler).getBean()).service(request, response);
        return null;
    }

    @Override
    @SuppressWarnings("deprecation")
    public long getLastModified(HttpServletRequest request, Object handler) {
        return -1;
    }

    /** Ahead of Spring MVC's own adapters, which come last. */
    @Override
    public int getOrder() {
        return 0;
    }
}
