package io.oasis.common.web;

import io.oasis.common.error.PayloadTooLargeException;
import io.oasis.common.error.ProblemException;
import io.oasis.common.error.UnsupportedMediaTypeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a request's body must be before a REST route is handed the request, answered by the error controller
 * as a problem when it is not:
 * <ul>
 * <li>415 for what {@link RequestContent} says no route can take (a form on a method without a body, a
 * compressed body);</li>
 * <li>413 for a body of unknown length (chunked) that passes the size limit. Such a body is read here, on
 * the request's own thread: platform-http reads it on another one, where the failure could only end the
 * request as a bare 500.</li>
 * </ul>
 */
public class RequestContentFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String unsupported = RequestContent.unsupported(request.getMethod(), request.getContentType(),
                request.getHeader("Content-Encoding"));
        if (unsupported != null) {
            refuse(request, response, new UnsupportedMediaTypeException(unsupported));
            return;
        }
        if (!hasUnknownLength(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            refuse(request, response, e);
            return;
        }
        chain.doFilter(new ReadRequest(request, body), response);
    }

    /** Chunked in HTTP/1.1; a request with neither Content-Length nor Transfer-Encoding has no body. */
    private static boolean hasUnknownLength(HttpServletRequest request) {
        return request.getContentLengthLong() < 0
                && (request.getHeader("Transfer-Encoding") != null || !request.getProtocol().startsWith("HTTP/1."));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, ProblemException failure)
            throws IOException {
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        response.sendError(failure.status());
    }

    /** The request with its body already read. */
    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }
}
