package io.oasis.common.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.oasis.common.correlation.CorrelationId;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one writer of {@code application/problem+json} answers, of every service and of the gateway: the
 * status, the headers and the bytes of the answer to a failure (see {@link Problems} for which problem an
 * exception is, and {@link ProblemException} for the headers it carries). A transport copies the
 * {@link Answer} onto its response: {@link #write(Exchange, Answer)} for a Camel route,
 * {@link #write(HttpServletResponse, Answer)} for a servlet filter or controller.
 */
public final class ProblemWriter {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * An answer of problem+json.
     *
     * @param headers the answer's headers, Content-Type among them
     */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** The answer to a failure; {@code instance} is the request's path. */
    public Answer answer(Throwable failure, String instance, String correlationId) {
        return answer(Problems.from(failure, instance, correlationId), Problems.headers(failure));
    }

    /** The answer of a problem, with the given headers besides. */
    public Answer answer(Problem problem, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        // JSON is UTF-8 by definition (RFC 8259): no charset parameter.
        all.put("Content-Type", Problem.MEDIA_TYPE);
        try {
            return new Answer(problem.status(), all, json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem could not be written as JSON", e);
        }
    }

    /**
     * Makes the failure the answer of a route's exchange: the request's path ({@link Exchange#HTTP_PATH}) is
     * the problem's instance, and the message keeps no header but the correlation id, so that nothing of the
     * request (its token, say) is echoed.
     */
    public void write(Exchange exchange, Throwable failure) {
        Message message = exchange.getMessage();
        write(exchange, answer(failure, message.getHeader(Exchange.HTTP_PATH, String.class),
                message.getHeader(CorrelationId.HEADER, String.class)));
    }

    /** Makes the answer the exchange's, with only its headers (and the correlation id). */
    public void write(Exchange exchange, Answer answer) {
        Message message = exchange.getMessage();
        message.removeHeaders("*", CorrelationId.HEADER);
        answer.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setBody(answer.body());
    }

    /** Writes the answer to a servlet response. */
    public void write(HttpServletResponse response, Answer answer) {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        try {
            response.getOutputStream().write(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
