package io.oasis.common.signature;

import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemType;

/** A signed request whose signature is missing, wrong or stale: 401, and nothing of it is applied. */
public class InvalidSignatureException extends ProblemException {

    public InvalidSignatureException(String detail) {
        super(ProblemType.UNAUTHORIZED, detail);
    }
}
