package io.oasis.common.error;

import java.util.List;
import java.util.Map;

import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.oasis.common.correlation.CorrelationId;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers every error that happens outside a Camel route (unknown path, wrong method, a filter
 * or servlet failure) with the same problem+json shape, in place of Spring Boot's whitelabel page
 * and JSON error.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    public ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) {
        Integer code = (Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code == null ? 500 : code;
        String instance = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String correlationId = response.getHeader(CorrelationId.HEADER);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure == null) {
            failure = (Throwable) request.getAttribute(DefaultErrorAttributes.class.getName() + ".ERROR");
        }
        if (request.getAttribute(BodySizeLimitFilter.LIMIT_EXCEEDED) != null) {
            status = 413;
        }
        problems.write(response, problems.answer(problemFor(status, failure, instance, correlationId),
                failure == null ? Map.of() : Problems.headers(failure)));
    }

    private static Problem problemFor(int status, Throwable failure, String instance, String correlationId) {
        if (failure != null && Problems.isClientError(failure)) {
            return Problems.from(failure, instance, correlationId);
        }
        return switch (status) {
            case 404 -> Problems.of(ProblemType.NOT_FOUND, "No resource at " + instance + ".", instance,
                    correlationId, List.of());
            case 405 -> Problems.of(ProblemType.METHOD_NOT_ALLOWED, "This resource does not support that method.",
                    instance, correlationId, List.of());
            case 413 -> Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.", instance,
                    correlationId, List.of());
            case 415 -> Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This resource does not accept that content type.",
                    instance, correlationId, List.of());
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                if (status >= 500 || known == null) {
                    yield Problems.internal(instance, correlationId);
                }
                yield Problems.forStatus(status, known.getReasonPhrase(), known.getReasonPhrase() + ".", instance,
                        correlationId);
            }
        };
    }
}
