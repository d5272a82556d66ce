package io.oasis.common.error;

/** 409 the request conflicts with the current state (a duplicate, an illegal state change). */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}
