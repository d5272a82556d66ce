package io.oasis.common.error;

/** 412 an {@code If-Match} ETag no longer matches. */
public class PreconditionFailedException extends ProblemException {

    public PreconditionFailedException(String detail) {
        super(ProblemType.PRECONDITION_FAILED, detail);
    }
}
