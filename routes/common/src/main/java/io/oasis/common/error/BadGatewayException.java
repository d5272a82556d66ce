package io.oasis.common.error;

/** 502: a service or third party the request depends on failed or could not be reached. */
public class BadGatewayException extends ProblemException {

    public BadGatewayException(String detail) {
        super(ProblemType.BAD_GATEWAY, detail);
    }
}
