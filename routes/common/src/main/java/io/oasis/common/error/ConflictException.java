package io.oasis.common.error;

import java.util.List;

/** 409 the request conflicts with the current state (a duplicate, an illegal state change). */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }

    /** A conflict with a cause per item, each named in {@code errors} (e.g. per activity of a process). */
    public ConflictException(String detail, List<FieldError> errors) {
        super(ProblemType.CONFLICT, detail, errors);
    }
}
