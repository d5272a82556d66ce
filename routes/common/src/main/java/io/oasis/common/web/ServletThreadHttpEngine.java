package io.oasis.common.web;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.Problem;
import io.oasis.common.error.ProblemType;
import io.oasis.common.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * platform-http whose routes run on the servlet thread that received the request, as a Spring MVC
 * controller would.
 *
 * <p>The stock engine hands every request to Spring's application task executor (8 threads) and has
 * Tomcat dispatch the request a second time to finish it. That capped every service at 8 requests in
 * progress, so a few slow ones (a hung upstream behind the gateway, a long database call) held up all
 * others, and the hand-over and second dispatch cost CPU on every request. Here a request runs and
 * is answered in one pass on Tomcat's pool, bounded by its thread count and, where a route waits on
 * something, by that route's own timeouts.
 *
 * <p>A route reads the request body as the bytes that were sent (see {@link #createConsumer}); a body it
 * cannot take ({@link RequestContent}) is refused before the route runs.
 */
public class ServletThreadHttpEngine implements PlatformHttpEngine {

    private final int port;

    public ServletThreadHttpEngine(int port) {
        this.port = port;
    }

    /**
     * Streaming, on this engine, only makes the binding read the body from the request's byte stream instead
     * of its Reader. The Reader decoded the body in the request's charset before any route saw it: bytes that
     * were not valid in it failed there as a 500, and a body declared in another charset reached the route
     * re-encoded, no longer the bytes its sender signed. As bytes, {@link RequestJson} decodes it strictly.
     */
    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        endpoint.setUseStreaming(true);
        return new ServletThreadConsumer(endpoint, processor);
    }

    @Override
    public int getServerPort() {
        return port;
    }

    /**
     * Spring MVC's dispatcher calls {@link #service} for the mapped paths (through
     * {@link PlatformHttpHandlerAdapter}); it answers before returning.
     */
    static final class ServletThreadConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(ServletThreadConsumer.class);

        ServletThreadConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        /**
         * Runs the route and writes its answer. Returns no future: the request is handled (had Spring MVC's
         * own method adapter called it, it would start no asynchronous processing either).
         */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            String unsupported = RequestContent.unsupported(request.getMethod(), request.getContentType(),
                    request.getHeader("Content-Encoding"));
            if (unsupported != null) {
                refuse(request, response, unsupported);
                return null;
            }
            try {
                handleService(request, response);
            } catch (Exception e) {
                // Route errors are answered by the route's own handlers; this is a failure around them.
                LOG.warn("Error handling {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString(), e);
                try {
                    if (!response.isCommitted()) {
                        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    }
                } catch (IOException | IllegalStateException ignored) {
                    // the caller has gone; nothing left to tell it
                }
            }
            return null;
        }

        /** A 415 problem, before the route reads anything of the request. */
        private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) {
            Problem problem = Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, request.getRequestURI(),
                    response.getHeader(CorrelationId.HEADER), List.of());
            try {
                byte[] body = ServiceObjectMapper.of(getEndpoint().getCamelContext()).writeValueAsBytes(problem);
                response.setStatus(problem.status());
                response.setContentType(Problem.MEDIA_TYPE);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            } catch (IOException e) {
                // the caller has gone; nothing left to tell it
            }
        }

        /**
         * Every answer is whole before it is written, so it goes out with a Content-Length, in one write.
         * Chunked, platform-http's default, wrote the body and then, in a second write, its last chunk. A
         * route that sets {@link Exchange#HTTP_CHUNKED} itself keeps its choice.
         */
        @Override
        protected void afterProcess(HttpServletResponse response, Exchange exchange) throws Exception {
            if (exchange.getMessage().getHeader(Exchange.HTTP_CHUNKED) == null) {
                exchange.getMessage().setHeader(Exchange.HTTP_CHUNKED, false);
            }
            super.afterProcess(response, exchange);
        }
    }
}
