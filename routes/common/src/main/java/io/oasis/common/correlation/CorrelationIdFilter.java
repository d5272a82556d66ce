package io.oasis.common.correlation;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * First filter of every request: settles the correlation id (see {@link CorrelationId#resolve}),
 * echoes it in the response header, puts it in the MDC for this thread and presents it to the
 * rest of the chain as the request's {@value CorrelationId#HEADER} header, so Camel routes served
 * by platform-http (which run on another thread) receive it as a message header.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.resolve(request.getHeader(CorrelationId.HEADER),
                request.getHeader(CorrelationId.TRACEPARENT));
        response.setHeader(CorrelationId.HEADER, id);
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            chain.doFilter(new WithCorrelationId(request, id), new OneCorrelationHeader(response));
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    private static final class WithCorrelationId extends HttpServletRequestWrapper {

        private final String id;

        WithCorrelationId(HttpServletRequest request, String id) {
            super(request);
            this.id = id;
        }

        @Override
        public String getHeader(String name) {
            return CorrelationId.HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return CorrelationId.HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(java.util.List.of(id)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            java.util.List<String> names = Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(CorrelationId.HEADER::equalsIgnoreCase)) {
                names.add(CorrelationId.HEADER);
            }
            return Collections.enumeration(names);
        }
    }

    /** Camel echoes the request's header into the response: keep one value, not two. */
    private static final class OneCorrelationHeader extends HttpServletResponseWrapper {

        OneCorrelationHeader(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (CorrelationId.HEADER.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
