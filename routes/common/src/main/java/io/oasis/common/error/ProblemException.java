package io.oasis.common.error;

import java.util.List;

/**
 * Base of the exceptions a service throws to answer with a 4xx problem. The message is shown to
 * the caller as {@code detail}, so write it for them and keep secrets out of it.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    protected ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    protected ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
