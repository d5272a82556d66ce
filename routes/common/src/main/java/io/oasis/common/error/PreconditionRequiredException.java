package io.oasis.common.error;

/** 428: the update must say which version it changes ({@code If-Match}), so no change is lost. */
public class PreconditionRequiredException extends ProblemException {

    public PreconditionRequiredException(String detail) {
        super(ProblemType.PRECONDITION_REQUIRED, detail);
    }
}
