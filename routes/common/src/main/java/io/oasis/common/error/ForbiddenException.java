package io.oasis.common.error;

/**
 * 403: the caller is known but their role does not allow this. Use it only where the resource is
 * already the caller's to see; for someone else's resource answer 404, so ids cannot be probed.
 */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}
