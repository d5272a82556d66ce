package io.oasis.common.error;

/** 404 the resource does not exist (or the caller may not know it does). */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(ProblemType.NOT_FOUND, detail);
    }
}
