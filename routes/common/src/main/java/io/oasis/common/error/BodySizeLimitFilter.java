package io.oasis.common.error;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.web.filter.OncePerRequestFilter;

import io.oasis.common.correlation.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Rejects request bodies larger than {@code oasis.http.max-body-size} (default 1MB) before anything
 * reads them: a declared {@code Content-Length} over the limit gets a 413 problem at once, and a
 * chunked body fails with {@link PayloadTooLargeException} as soon as the reader passes the limit.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    /**
     * Request attribute set when a chunked body passed the limit: the reader's exception may surface
     * only as a bare 500 (platform-http reads the body before the route runs), so the error
     * controller checks this to answer 413.
     */
    public static final String LIMIT_EXCEEDED = BodySizeLimitFilter.class.getName() + ".EXCEEDED";

    private final long maxBytes;
    private final ProblemWriter problems;

    public BodySizeLimitFilter(long maxBytes, ProblemWriter problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            Problem problem = Problems.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge(), request.getRequestURI(),
                    response.getHeader(CorrelationId.HEADER), List.of());
            // Tell the container not to wait for the body we refuse to read.
            problems.write(response, problems.answer(problem, Map.of("Connection", "close")));
            return;
        }
        chain.doFilter(unknownLength(request) ? new LimitedRequest(request) : request, response);
    }

    /**
     * Whether a body of unknown length may follow: chunked in HTTP/1.1. A request with neither Content-Length
     * nor Transfer-Encoding has no body (RFC 9112, 6.3), so a plain GET is not wrapped: platform-http reads
     * even an empty body, and the wrapper's reader cost each such request about 24 KB of buffers.
     */
    private static boolean unknownLength(HttpServletRequest request) {
        return request.getContentLengthLong() < 0
                && (request.getHeader("Transfer-Encoding") != null || !request.getProtocol().startsWith("HTTP/1."));
    }

    private String tooLarge() {
        return "The request body is larger than the limit of " + maxBytes + " bytes.";
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {

        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), this);
            }
            return limited;
        }

        // platform-http reads the body through the reader, so it must count too.
        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    private final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final HttpServletRequest request;
        private long count;

        LimitedInputStream(ServletInputStream in, HttpServletRequest request) {
            this.in = in;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > maxBytes) {
                request.setAttribute(LIMIT_EXCEEDED, Boolean.TRUE);
                throw new PayloadTooLargeException(tooLarge());
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
