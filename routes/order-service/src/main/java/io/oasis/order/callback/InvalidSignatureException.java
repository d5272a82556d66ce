package io.oasis.order.callback;

import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemType;

/** A callback without a valid, fresh signature: 401, and nothing changes. */
public class InvalidSignatureException extends ProblemException {

    public InvalidSignatureException(String detail) {
        super(ProblemType.UNAUTHORIZED, detail);
    }
}
