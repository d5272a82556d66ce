package io.oasis.common.error;

import java.util.List;
import java.util.Map;

/**
 * Base of the exceptions that answer with a problem: each carries the problem's type, title and status,
 * and the headers that go with it (a 401's {@code WWW-Authenticate}, a 429's or 503's {@code Retry-After}).
 * The message is shown to the caller as {@code detail}, so write it for them and keep secrets out of it.
 * {@link ProblemWriter} turns one into the answer.
 */
public abstract class ProblemException extends RuntimeException {

    private final String type;
    private final String title;
    private final int status;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    protected ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type.uri(), type.title(), type.status(), detail, errors, Map.of());
    }

    protected ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    protected ProblemException(ProblemType type, String detail, Map<String, String> headers) {
        this(type.uri(), type.title(), type.status(), detail, List.of(), headers);
    }

    /** A status without a type of its own has the type {@code urn:oasis:problem:http-<status>}. */
    protected ProblemException(int status, String title, String detail, Map<String, String> headers) {
        this(ProblemType.uriForStatus(status), title, status, detail, List.of(), headers);
    }

    /** Answers that are part of the contract need no stack trace: the exception is the answer. */
    protected ProblemException(String type, String title, int status, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** The problem type's URI. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The headers the answer carries besides the problem (Retry-After, WWW-Authenticate...). */
    public Map<String, String> headers() {
        return headers;
    }
}
