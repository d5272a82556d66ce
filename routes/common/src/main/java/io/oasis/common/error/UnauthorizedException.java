package io.oasis.common.error;

import java.util.Map;

/** 401: no credentials, or credentials that are not valid; the challenge says which scheme to use (RFC 9110). */
public class UnauthorizedException extends ProblemException {

    public UnauthorizedException(String detail, String challenge) {
        super(ProblemType.UNAUTHORIZED, detail, Map.of("WWW-Authenticate", challenge));
    }
}
